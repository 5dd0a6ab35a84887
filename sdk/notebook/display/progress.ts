import { randomBytes } from 'node:crypto';
import type { QueryProgress } from '../../query/index.ts';
import { escapeHtml, formatCount } from './html.ts';
import { inKernel, publish } from './publish.ts';
import type { MimeBundle } from './types.ts';

/** A progress output that is drawn once and then updated in place. */
export interface Progress {
  /** Sets the amount done (of `total`, when known) and an optional note. */
  update(done: number, note?: string): void;
  tick(n?: number, note?: string): void;
  /** Final state: always drawn, even within the throttle interval. */
  done(note?: string): void;
}

const INTERVAL_MS = 150;

/**
 * A progress bar in one notebook output, updated in place (a display id and update messages, like
 * tslab's `newDisplay()`); redraws are throttled. Outside a kernel it prints only the final line.
 *
 * @example
 * const p = progress('scoring', creators.length);
 * for (const c of creators) { await score(c); p.tick(); }
 * p.done();
 */
export function progress(label: string, total?: number): Progress {
  const id = `kol-progress-${randomBytes(6).toString('hex')}`;
  const started = Date.now();
  let value = 0;
  let note = '';
  let drawn = false;
  let last = 0;
  const draw = (final: boolean) => {
    const now = Date.now();
    if (!final && drawn && now - last < INTERVAL_MS) return;
    // Outside a kernel there is no output to update in place: print the final line only.
    if (!final && !inKernel()) return;
    last = now;
    publish(bundle(label, value, total, note, now - started, final), { displayId: id, update: drawn });
    drawn = true;
  };
  return {
    update(done, text) {
      value = done;
      if (text !== undefined) note = text;
      draw(false);
    },
    tick(n = 1, text) {
      value += n;
      if (text !== undefined) note = text;
      draw(false);
    },
    done(text) {
      if (total !== undefined) value = Math.max(value, total);
      if (text !== undefined) note = text;
      draw(true);
    },
  };
}

function bundle(label: string, done: number, total: number | undefined, note: string, ms: number, final: boolean): MimeBundle {
  const pct = total ? Math.min(100, (100 * done) / total) : undefined;
  const amount =
    total === undefined
      ? formatCount(done)
      : `${formatCount(done)} / ${formatCount(total)}${pct === undefined ? '' : ` (${pct.toFixed(0)}%)`}`;
  const secs = `${(ms / 1000).toFixed(1)} s`;
  const text = `${label}: ${amount}${note ? ` · ${note}` : ''} · ${secs}${final ? ' · done' : ''}`;
  const bar =
    total === undefined && !final
      ? '<progress style="width:240px"></progress>'
      : `<progress style="width:240px" max="${total ?? 1}" value="${total === undefined ? 1 : Math.min(done, total)}"></progress>`;
  return { 'text/html': `<div class="kol-progress">${bar} ${escapeHtml(text)}</div>`, 'text/plain': text };
}

/**
 * An `onProgress` callback for `sql()` that draws the query's state, rows received and the engine's
 * own percentage into one output.
 *
 * @example
 * const r = await sql(q, { engine: 'trino', onProgress: queryProgress('top creators') });
 */
export function queryProgress(label = 'query'): (p: QueryProgress) => void {
  const bar = progress(label, 100);
  return (p) => {
    const text = `${p.engine} ${p.state} · ${formatCount(p.rows)} rows in ${p.pages} pages${p.queryId ? ` · ${p.queryId}` : ''}`;
    if (p.state === 'FINISHED') bar.done(text);
    else bar.update(p.percent ?? 0, text);
  };
}
