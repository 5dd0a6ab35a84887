import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { resolveConfig } from '../../sdk/config/index.ts';
import { jupyterEnv, prepareWorkbench, type Workbench } from '../../sdk/notebook/index.ts';
import { describeService } from '../services/int-support.ts';

const root = join(import.meta.dirname, '..', '..');

/**
 * A tslab kernel driven like Jupyter Lab drives it: one cell starts a Trino query that runs until stopped,
 * the kernel is interrupted (SIGINT, what the interrupt button sends), then the next cell asks Trino how
 * that query ended.
 */
const DRIVER = `
import json, sys, time
from jupyter_client.manager import start_new_kernel
km, kc = start_new_kernel(kernel_name='tslab', cwd=sys.argv[1])
def run(code, interrupt_on=None, timeout=180):
    msg_id = kc.execute(code)
    started, interrupted, out = time.time(), False, []
    while True:
        # Interrupt once the cell says its query runs: earlier, the signal would hit tslab while it compiles.
        if interrupt_on is not None and not interrupted and interrupt_on in ''.join(out):
            km.interrupt_kernel(); interrupted = True
        try:
            msg = kc.get_iopub_msg(timeout=1)
        except Exception:
            if time.time() - started > timeout: raise
            continue
        if msg['parent_header'].get('msg_id') != msg_id: continue
        if msg['msg_type'] == 'stream': out.append(msg['content']['text'])
        if msg['msg_type'] == 'status' and msg['content']['execution_state'] == 'idle': break
    while True:
        reply = kc.get_shell_msg(timeout=30)
        if reply['parent_header'].get('msg_id') == msg_id:
            return reply['content'].get('status', 'unknown'), ''.join(out)
try:
    results = {}
    results['import'] = run("import { sql } from '@kol/sdk/query';")
    results['query'] = run('''const endless = await sql(
  'SELECT sum(a * b * c) FROM UNNEST(sequence(1, 10000)) t(a) CROSS JOIN UNNEST(sequence(1, 10000)) u(b) CROSS JOIN UNNEST(sequence(1, 10000)) v(c)',
  {
    engine: 'trino',
    onProgress: (p) => {
      (globalThis as any).kolQueryId = p.queryId;
      if (p.state === 'RUNNING' && !(globalThis as any).kolSaidRunning) console.log('query running');
      (globalThis as any).kolSaidRunning ||= p.state === 'RUNNING';
    },
  },
);''', interrupt_on='query running')
    time.sleep(2)
    results['state'] = run('''const ended = await sql('SELECT state, error_code FROM system.runtime.queries WHERE query_id = ?', { engine: 'trino', params: [(globalThis as any).kolQueryId] });
console.log(JSON.stringify({ id: (globalThis as any).kolQueryId, rows: ended.rows }));''')
    print(json.dumps(results))
finally:
    kc.stop_channels(); km.shutdown_kernel(now=True)
`;

let wb: Workbench;
beforeAll(async () => {
  wb = await prepareWorkbench(resolveConfig({ cwd: root, allowMissingSecrets: true }), root);
}, 900_000);

describeService('trino', 'interrupting a notebook cell', () => {
  it('cancels its Trino query on the server (USER_CANCELED), and the kernel keeps running', async () => {
    const out = await new Promise<string>((done, fail) => {
      const child = spawn(wb.paths.python, ['-c', DRIVER, wb.paths.notebooksDir], {
        env: jupyterEnv(wb.paths),
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let text = '';
      child.stdout.on('data', (d: Buffer) => {
        text += d.toString();
      });
      child.on('error', fail);
      child.on('exit', (code) => (code === 0 ? done(text) : fail(new Error(`kernel driver exited ${code}: ${text}`))));
    });
    const results = JSON.parse(out.trim().split('\n').at(-1) as string) as Record<string, [string, string]>;
    expect(results.import?.[0]).toBe('ok');
    // tslab answers the interrupted cell with an error; the query must not have finished.
    expect(results.query?.[0]).toBe('error');
    expect(results.state?.[0]).toBe('ok');
    const state = JSON.parse(results.state?.[1].trim().split('\n').at(-1) as string) as {
      id: string;
      rows: { state: string; error_code: string }[];
    };
    expect(state.id).toMatch(/^\d{8}_\d{6}_\d+_\w+$/);
    expect(state.rows).toEqual([{ state: 'FAILED', error_code: 'USER_CANCELED' }]);
  }, 300_000);
});
