/**
 * `npm run bench:mlflow`: logging 10k metrics to one MLflow 3.17.2 server through
 *   1. the TypeScript client (`RestTrackingClient.logBatch`: validation, chunking, JSON, undici),
 *   2. the peer: MLflow's Python client (`MlflowClient.log_batch`) from the services' virtualenv,
 *   3. the ceiling: raw HTTP POSTs of prebuilt `log-batch` bodies (no validation, no encoding),
 * all sending the same 10 requests of 1000 metrics one after another (MLflow's SQLite store serialises
 * writers, so the server is the ceiling). The bench starts its own server on a fresh SQLite file, pinned
 * to CPU 0, and pins every client to CPU 1 (`taskset`), warms up, repeats, and prints the median and
 * spread of metrics/s, the ratios, versions and peak RSS.
 *
 * Options: `--metrics N` (10000), `--repeats N` (5), `--server URL` (use a running server instead),
 * `--python PATH` (or KOL_MLFLOW_PYTHON), `--json`.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { resolveConfig } from '../../config/index.ts';
import { planBatches } from '../chunk.ts';
import { RestTrackingClient } from '../rest/client.ts';
import { validateBatch } from '../validate.ts';

const { values: opts } = parseArgs({
  options: {
    metrics: { type: 'string', default: '10000' },
    repeats: { type: 'string', default: '5' },
    server: { type: 'string' },
    python: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const N = Number(opts.metrics);
const REPEATS = Number(opts.repeats);
const KEYS = 10;
const T0 = 1_790_000_000_000;
const log = (line: string) => process.stderr.write(`${line}\n`);

function findPython(): string {
  if (opts.python) return opts.python;
  if (process.env.KOL_MLFLOW_PYTHON) return process.env.KOL_MLFLOW_PYTHON;
  const base = join(resolveConfig({ profile: 'cluster', allowMissingSecrets: true }).services.cacheDir, 'mlflow');
  for (const version of readdirSync(base, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    const python = join(base, version.name, 'venv', 'bin', 'python');
    try {
      readFileSync(python);
      return python;
    } catch {
      // not this one
    }
  }
  throw new Error(`no MLflow virtualenv under ${base} — run 'kol-sdk services up mlflow' once, or pass --python`);
}

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as { port: number };
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** Peak RSS (VmHWM) summed over a process group, in MiB. */
function groupPeakRssMiB(pgid: number): number {
  let kb = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) !== pgid) continue;
      kb += Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // the process ended meanwhile
    }
  }
  return kb / 1024;
}

async function startServer(python: string, pin: boolean): Promise<{ url: string; proc: ChildProcess; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'kol-bench-mlflow-'));
  const port = await freePort();
  const mlflowBin = join(dirname(python), 'mlflow');
  const args = ['server', '--host', '127.0.0.1', '--port', String(port), '--backend-store-uri', `sqlite:///${join(dir, 'mlflow.db')}`];
  args.push('--artifacts-destination', join(dir, 'artifacts'), '--workers', '1');
  const proc = spawn(pin ? 'taskset' : mlflowBin, pin ? ['-c', '0', mlflowBin, ...args] : args, {
    cwd: dir,
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, MLFLOW_DISABLE_TELEMETRY: 'true', DO_NOT_TRACK: '1' },
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error('the benchmark MLflow server did not start in 180 s');
    await new Promise((r) => setTimeout(r, 500));
  }
  return { url, proc, dir };
}

const metricsInput = () =>
  Array.from({ length: N }, (_, i) => ({
    key: `m${i % KEYS}`,
    value: (i % 997) / 997 + 0.5,
    timestamp: T0 + i,
    step: Math.floor(i / KEYS),
  }));

/** The Python peer, kept warm in its own process and driven one repetition at a time over stdin. */
function startPeer(python: string, pin: boolean, args: Record<string, unknown>) {
  const script = join(import.meta.dirname, 'python_log_batch.py');
  const argv = [script, JSON.stringify(args)];
  const proc = spawn(pin ? 'taskset' : python, pin ? ['-c', '1', python, ...argv] : argv, {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, MLFLOW_DISABLE_TELEMETRY: 'true', DO_NOT_TRACK: '1' },
  });
  // MLflow prints a "View run" link to stdout as runs end: only JSON lines are answers.
  const lines = createInterface({ input: proc.stdout as NodeJS.ReadableStream });
  const waiting: { resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  lines.on('line', (line) => {
    if (line.startsWith('{')) waiting.shift()?.resolve(line);
  });
  proc.on('exit', (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`the Python peer exited with ${code}`));
  });
  const ask = (command: string): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      waiting.push({ resolve: (line) => resolve(JSON.parse(line) as Record<string, unknown>), reject });
      proc.stdin?.write(`${command}\n`);
    });
  return {
    run: async () => Number((await ask('run')).seconds),
    done: async () => (await ask('done')) as { mlflow: string; python: string; peak_rss_kb: number; stored_m0: number },
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

async function main(): Promise<void> {
  const python = findPython();
  const pin = hasTaskset();
  const server = opts.server ? undefined : await startServer(python, pin);
  const url = opts.server ?? (server?.url as string);
  if (pin) execFileSync('taskset', ['-a', '-cp', '1', String(process.pid)], { stdio: 'ignore' });
  log(`MLflow at ${url}${server ? ' (fresh SQLite store, CPU 0)' : ''}; clients on ${pin ? 'CPU 1' : 'any CPU (taskset missing)'}`);

  const client = new RestTrackingClient({ trackingUri: url, connections: 1 });
  const experimentId = await client.createExperiment(`KOL_bench_${Date.now().toString(36)}`);
  const input = metricsInput();

  const tsOnce = async (): Promise<number> => {
    const run = await client.createRun({ experimentId });
    const t = performance.now();
    const r = await client.logBatch(run.info.runId, { metrics: input });
    const s = (performance.now() - t) / 1000;
    if (r.metrics !== N) throw new Error(`TypeScript client logged ${r.metrics} of ${N}`);
    return s;
  };
  const pool = new Pool(url, { connections: 1, pipelining: 1 });
  const rawOnce = async (): Promise<number> => {
    const run = await client.createRun({ experimentId });
    const bodies = planBatches(run.info.runId, validateBatch({ metrics: input }, { now: 0 })).map((c) => c.body);
    const t = performance.now();
    for (const body of bodies) {
      const res = await pool.request({
        path: '/api/2.0/mlflow/runs/log-batch',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      await res.body.dump();
      if (res.statusCode !== 200) throw new Error(`raw POST answered ${res.statusCode}`);
    }
    return (performance.now() - t) / 1000;
  };
  const peer = startPeer(python, pin, { tracking_uri: url, experiment_id: experimentId, metrics: N, keys: KEYS });

  try {
    log(`warm-up, then ${REPEATS} rounds of ${N} metrics through each client, in rotating order`);
    await tsOnce();
    await rawOnce();
    await peer.run();
    const times: Record<'ts' | 'raw' | 'py', number[]> = { ts: [], raw: [], py: [] };
    const contenders = { ts: tsOnce, raw: rawOnce, py: () => peer.run() };
    const order: ('ts' | 'raw' | 'py')[] = ['ts', 'raw', 'py'];
    for (let i = 0; i < REPEATS; i++) {
      // Rotate the order so that no contender always follows the same one on the shared server.
      for (let j = 0; j < order.length; j++) {
        const name = order[(i + j) % order.length] as 'ts' | 'raw' | 'py';
        times[name].push(await contenders[name]());
      }
    }
    const ts = times.ts;
    const raw = times.raw;
    const py = { ...(await peer.done()), seconds: times.py };
    if (py.stored_m0 !== N / KEYS) throw new Error(`the Python client stored ${py.stored_m0} of ${N / KEYS} points of m0`);
    const last = (await client.searchRuns({ experimentIds: [experimentId], maxResults: 1 })).items[0];
    const stored = last ? (await client.getFullMetricHistory(last.info.runId, 'm0')).length : 0;

    const row = (name: string, seconds: number[]) => {
      const rates = seconds.map((s) => N / s);
      return { name, median: median(rates), min: Math.min(...rates), max: Math.max(...rates), medianSeconds: median(seconds) };
    };
    const rows = [
      row('TypeScript RestTrackingClient.logBatch', ts),
      row('Python MlflowClient.log_batch (peer)', py.seconds),
      row('raw POST of prebuilt bodies (ceiling)', raw),
    ];
    const [t, p, c] = rows as [ReturnType<typeof row>, ReturnType<typeof row>, ReturnType<typeof row>];
    const report = {
      metrics: N,
      requestsPerRun: Math.ceil(N / 1000),
      repeats: REPEATS,
      rows,
      ratios: {
        typescriptOverPython: t.median / p.median,
        typescriptOverCeiling: t.median / c.median,
        pythonOverCeiling: p.median / c.median,
      },
      peakRssMiB: {
        node: process.resourceUsage().maxRSS / 1024,
        python: py.peak_rss_kb / 1024,
        ...(server?.proc.pid ? { server: groupPeakRssMiB(server.proc.pid) } : {}),
      },
      versions: { node: process.version, mlflowServerAndPython: py.mlflow, python: py.python },
      pinning: pin ? 'server CPU 0, clients CPU 1 (taskset)' : 'none (taskset missing)',
      check: { storedPointsOfM0InLastRun: stored, expected: N / KEYS },
    };
    if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else {
      const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
      console.log(`MLflow logging: ${N} metrics per run, ${report.requestsPerRun} log-batch requests, median of ${REPEATS} (min–max)`);
      for (const r of rows)
        console.log(
          `  ${r.name.padEnd(42)} ${fmt(r.median).padStart(9)} metrics/s  (${fmt(r.min)}–${fmt(r.max)})  ${(r.medianSeconds * 1000).toFixed(0)} ms`,
        );
      console.log(
        `  ratio TypeScript / Python ${report.ratios.typescriptOverPython.toFixed(2)}×, TypeScript / ceiling ${report.ratios.typescriptOverCeiling.toFixed(2)}, Python / ceiling ${report.ratios.pythonOverCeiling.toFixed(2)}`,
      );
      const rss = report.peakRssMiB;
      console.log(
        `  peak RSS: node ${rss.node.toFixed(0)} MiB, python ${rss.python.toFixed(0)} MiB${rss.server !== undefined ? `, server (all its processes) ${rss.server.toFixed(0)} MiB` : ''}`,
      );
      console.log(
        `  versions: node ${report.versions.node}, MLflow ${report.versions.mlflowServerAndPython}, Python ${report.versions.python}; pinning: ${report.pinning}`,
      );
      console.log(`  check: ${stored}/${N / KEYS} points of m0 stored in the last run`);
    }
  } finally {
    await client.close();
    await pool.close();
    if (server?.proc.pid) {
      process.kill(-server.proc.pid, 'SIGTERM');
      await new Promise((r) => setTimeout(r, 1000));
      rmSync(server.dir, { recursive: true, force: true });
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
