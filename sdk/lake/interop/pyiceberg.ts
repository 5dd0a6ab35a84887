import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The pyiceberg release the interop tests and the benchmark compare against. */
export const PYICEBERG_VERSION = '0.12.0';

/** The cached virtual environment's Python, created with pyiceberg once (pip, its own index settings apply). */
export function ensurePyiceberg(cacheDir: string): string {
  const venv = join(cacheDir, 'pyiceberg-venv');
  const python = join(venv, 'bin', 'python');
  const has = () =>
    existsSync(python) && spawnSync(python, ['-c', 'import pyiceberg, pyarrow, pyiceberg_core'], { stdio: 'ignore' }).status === 0;
  if (has()) return python;
  const steps: [string, string[]][] = [
    ['python3', ['-m', 'venv', venv]],
    [python, ['-m', 'pip', 'install', '-q', `pyiceberg[pyarrow,s3fs,pyiceberg-core]==${PYICEBERG_VERSION}`]],
  ];
  for (const [cmd, args] of steps) {
    const r = spawnSync(cmd, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`installing pyiceberg failed (${cmd} ${args.join(' ')}):\n${(r.stdout + r.stderr).slice(-2000)}`);
  }
  return python;
}

/** How pyiceberg reaches a REST catalog and its files. */
export interface PyicebergCatalog {
  readonly uri: string;
  readonly warehouse?: string;
  readonly s3?: { readonly endpoint: string; readonly accessKeyId: string; readonly secretAccessKey: string; readonly region: string };
}

const SCRIPT = `
import json, sys, time, datetime
from pyiceberg.catalog import load_catalog
req = json.load(sys.stdin)
c = req["catalog"]
props = {"uri": c["uri"]}
if c.get("warehouse"): props["warehouse"] = c["warehouse"]
if c.get("s3"):
    s = c["s3"]
    props.update({"s3.endpoint": s["endpoint"], "s3.access-key-id": s["accessKeyId"], "s3.secret-access-key": s["secretAccessKey"], "s3.region": s["region"], "s3.path-style-access": "true"})
cat = load_catalog("kol", type="rest", **props)
# Timings include loading the table from the catalog, as an SDK read or append does.
tl = time.perf_counter()
t = cat.load_table(req["table"])
load_secs = time.perf_counter() - tl
def plain(v):
    if isinstance(v, (datetime.datetime, datetime.date)): return v.isoformat()
    return v
if req["action"] == "read":
    t0 = time.perf_counter()
    row_filter = req.get("filter") or "True"
    arrow = t.scan(row_filter=row_filter, selected_fields=tuple(req.get("columns") or ["*"])).to_arrow()
    secs = load_secs + time.perf_counter() - t0
    rows = [{k: plain(v) for k, v in r.items()} for r in arrow.to_pylist()] if not req.get("countOnly") else []
    print(json.dumps({"rows": rows, "count": arrow.num_rows, "seconds": secs}))
elif req["action"] == "append":
    import pyarrow as pa
    schema = t.schema().as_arrow()
    cols = {f.name: [r.get(f.name) for r in req["rows"]] for f in schema}
    for f in schema:
        if pa.types.is_timestamp(f.type):
            cols[f.name] = [datetime.datetime.fromisoformat(v.replace("Z", "+00:00")) if v else None for v in cols[f.name]]
        if pa.types.is_date(f.type):
            cols[f.name] = [datetime.date.fromisoformat(v) if v else None for v in cols[f.name]]
    t0 = time.perf_counter()
    t.append(pa.table(cols, schema=schema))
    print(json.dumps({"count": len(req["rows"]), "seconds": load_secs + time.perf_counter() - t0}))
`;

export interface PyicebergResult {
  readonly rows: Record<string, unknown>[];
  readonly count: number;
  readonly seconds: number;
}

/**
 * Runs pyiceberg once against a REST catalog: `read` scans a table (optionally filtered and projected),
 * `append` appends rows (JSON values; timestamps and dates as ISO text).
 *
 * @example
 * const r = pyiceberg(python, { action: 'read', catalog: { uri }, table: 'kol_silver.posts', countOnly: true });
 */
export async function pyiceberg(
  python: string,
  request: {
    action: 'read' | 'append';
    catalog: PyicebergCatalog;
    table: string;
    filter?: string;
    columns?: readonly string[];
    countOnly?: boolean;
    rows?: readonly Record<string, unknown>[];
  },
): Promise<PyicebergResult> {
  // Asynchronous: the embedded catalog pyiceberg talks to may be served by this very process.
  const child = spawn(python, ['-c', SCRIPT], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true', AWS_REGION: request.catalog.s3?.region ?? 'us-east-1' },
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => out.push(c));
  child.stderr.on('data', (c: Buffer) => err.push(c));
  child.stdin.end(JSON.stringify(request));
  const code = await new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c) => resolve(c ?? -1));
  });
  if (code !== 0)
    throw new Error(`pyiceberg ${request.action} of ${request.table} failed:\n${Buffer.concat(err).toString('utf8').slice(-3000)}`);
  const parsed = JSON.parse(Buffer.concat(out).toString('utf8').trim().split('\n').at(-1) as string) as Partial<PyicebergResult>;
  return { rows: parsed.rows ?? [], count: parsed.count ?? 0, seconds: parsed.seconds ?? 0 };
}
