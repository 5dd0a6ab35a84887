import { SingleBar } from 'cli-progress';

/**
 * Where a command writes: results to stdout (JSON with `--json`, text otherwise), progress and notes to
 * stderr so that `--json` output stays machine-readable.
 */
export interface Output {
  readonly json: boolean;
  /** Prints the machine-readable result (with `--json`) or calls `human` to print text. */
  result(value: unknown, human: () => void): void;
  line(text?: string): void;
  note(text: string): void;
  table(rows: readonly Record<string, unknown>[], columns?: readonly string[]): void;
  /** A progress bar on a terminal; silent under `--json` or when stderr is not a TTY. */
  progress(total: number, label: string): Progress;
}

export interface Progress {
  tick(n?: number): void;
  update(value: number): void;
  stop(): void;
}

export function createOutput(json: boolean, stdout = process.stdout, stderr = process.stderr): Output {
  return {
    json,
    result(value, human) {
      if (json) stdout.write(`${JSON.stringify(value, null, 2)}\n`);
      else human();
    },
    line(text = '') {
      stdout.write(`${text}\n`);
    },
    note(text) {
      stderr.write(`${text}\n`);
    },
    table(rows, columns) {
      stdout.write(formatTable(rows, columns));
    },
    progress(total, label) {
      if (json || !stderr.isTTY) return { tick() {}, update() {}, stop() {} };
      const bar = new SingleBar({
        format: `${label} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}`,
        stream: stderr,
        hideCursor: true,
      });
      bar.start(total, 0);
      return {
        tick: (n = 1) => bar.increment(n),
        update: (value) => bar.update(value),
        stop: () => bar.stop(),
      };
    },
  };
}

/** A plain fixed-width text table (no colours, so it reads the same in logs). */
export function formatTable(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  const cols = columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const fmt = (values: readonly string[]): string =>
    values
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const lines = [fmt(cols.map((c) => c.toUpperCase())), ...rows.map((r) => fmt(cols.map((c) => cell(r[c]))))];
  return `${lines.join('\n')}\n`;
}
