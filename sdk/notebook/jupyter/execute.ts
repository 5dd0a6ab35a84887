import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { jupyterEnv, type WorkbenchPaths } from './paths.ts';
import { KERNEL_NAME } from './versions.ts';

/** One executed code cell as the harness reports it. */
export interface ExecutedCell {
  readonly index: number;
  /** The first line of the cell's source, to name it in messages. */
  readonly head: string;
  /** The mime types of every display output, plus `stream:stdout` / `stream:stderr` for printed text. */
  readonly outputs: readonly string[];
  /** Column names of every HTML table the cell displayed (`kol-table` headers). */
  readonly tableColumns: readonly (readonly string[])[];
  /** Why the cell failed: its error output, or the first stderr line when tslab sent only an error reply. */
  readonly error: { readonly name: string; readonly value: string } | null;
  /** The kernel's reply: `ok`, `error`, or `not run` after an earlier failure. */
  readonly status: string;
  /** The cell's printed stderr (tslab reports type errors there). */
  readonly stderr: string;
}

export interface ExecutedNotebook {
  readonly notebook: string;
  /** The executed copy, with outputs (under `.kol/jupyter/runs`, never the committed file). */
  readonly output: string;
  readonly seconds: number;
  readonly cells: readonly ExecutedCell[];
  /** The first failing cell, if any: an error output or a type error printed by tslab. */
  readonly failed: ExecutedCell | undefined;
}

/**
 * nbclient driven from Python: runs every cell with the tslab kernel in the notebook's folder, stops at
 * the first error, writes the executed copy and prints a summary of each cell's outputs as JSON.
 */
const RUNNER = String.raw`
import json, re, sys, time, nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
src, out, cwd, kernel, timeout = sys.argv[1:6]
nb = nbformat.read(src, as_version=4)
status = {}
def executed(cell=None, cell_index=None, execute_reply=None, **kw):
    status[cell_index] = (execute_reply or {}).get('content', {}).get('status', 'unknown')
client = NotebookClient(nb, kernel_name=kernel, timeout=int(timeout), resources={'metadata': {'path': cwd}}, on_cell_executed=executed)
t0 = time.time()
try:
    client.execute()
except CellExecutionError:
    pass
seconds = time.time() - t0
nbformat.write(nb, out)
cells = []
for i, cell in enumerate(nb.cells):
    if cell.cell_type != 'code':
        continue
    kinds, tables, error, stderr = [], [], None, ''
    for o in cell.get('outputs', []):
        if o.output_type == 'stream':
            kinds.append('stream:' + o.name)
            if o.name == 'stderr':
                stderr += o.text
        elif o.output_type == 'error':
            error = {'name': o.ename, 'value': o.evalue}
        else:
            kinds.extend(o.get('data', {}).keys())
            html = o.get('data', {}).get('text/html', '')
            if 'kol-table' in html:
                head = html.split('</thead>')[0]
                tables.append(re.findall(r'<th [^>]*>([^<]*)<br>', head))
    ran = status.get(i, 'not run')
    if error is None and ran != 'ok':
        # tslab reports a cell that threw (or did not compile) on stderr, with an error reply but no error output.
        error = {'name': ran, 'value': stderr.strip().split('\n')[0] if stderr.strip() else ran}
    cells.append({'index': i, 'head': cell.source.split('\n')[0][:120], 'outputs': kinds, 'tableColumns': tables, 'error': error, 'stderr': stderr, 'status': ran})
print(json.dumps({'seconds': seconds, 'cells': cells}))
`;

/** The notebooks of the project: every `notebooks/*.ipynb`, in name order. */
export function listNotebooks(paths: WorkbenchPaths): string[] {
  return readdirSync(paths.notebooksDir)
    .filter((name) => name.endsWith('.ipynb') && !name.startsWith('.'))
    .sort()
    .map((name) => join(paths.notebooksDir, name));
}

/**
 * Runs a notebook top to bottom, headless, with the workbench's tslab kernel (nbclient in the workbench
 * venv) and reports each cell's outputs. tslab answers a cell that throws or does not compile with an
 * error reply and the message on stderr, not an error output, so the reply's status decides.
 *
 * @example
 * const run = await executeNotebook(paths, 'notebooks/01_explore_world.ipynb');
 * if (run.failed) console.error(run.failed.error ?? run.failed.stderr);
 */
export async function executeNotebook(
  paths: WorkbenchPaths,
  notebook: string,
  options: { timeoutS?: number } = {},
): Promise<ExecutedNotebook> {
  const file = resolve(notebook);
  mkdirSync(paths.runsDir, { recursive: true });
  const output = join(paths.runsDir, basename(file));
  const args = ['-c', RUNNER, file, output, paths.notebooksDir, KERNEL_NAME, String(options.timeoutS ?? 600)];
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done, fail) => {
    const child = spawn(paths.python, args, { env: jupyterEnv(paths), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('error', fail);
    child.on('exit', (c) => done({ code: c, stdout: out, stderr: err }));
  });
  const last = stdout.trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !last.startsWith('{')) {
    throw new Error(`running ${basename(file)} with nbclient failed (exit ${code}):\n${stderr.slice(-2000)}`);
  }
  const summary = JSON.parse(last) as { seconds: number; cells: ExecutedCell[] };
  const failed = summary.cells.find((c) => c.error !== null);
  return { notebook: file, output, seconds: summary.seconds, cells: summary.cells, failed };
}
