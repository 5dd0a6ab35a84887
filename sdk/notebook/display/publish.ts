import { createRequire } from 'node:module';
import type { MimeBundle } from './types.ts';

/**
 * tslab's public `display.raw(type, data)` sends a display message with one mime type only, so a figure
 * could not carry its HTML fallback next to the plotly JSON. The function it calls internally,
 * `lastWriteDisplayData` in tslab's `dist/jupyter.js`, takes a whole `{data, metadata, transient}`
 * message. This file is the one place that reaches into tslab: it calls that function with the full
 * bundle and, should a tslab release drop it, falls back to `display.raw` with the richest type.
 */
type WriteDisplayData = (message: { data: MimeBundle; metadata: object; transient: object }, update: boolean) => void;

const cache = createRequire(import.meta.url).cache;

/** The tslab module of the running kernel, found among loaded modules so it is the kernel's own copy. */
function loaded(file: 'jupyter' | 'public'): Record<string, unknown> | undefined {
  const suffix = `${'/'}tslab/dist/${file}.js`;
  for (const [path, mod] of Object.entries(cache)) {
    if (path.replaceAll('\\', '/').endsWith(suffix)) return mod?.exports as Record<string, unknown>;
  }
  return undefined;
}

/** True inside a tslab kernel while a cell runs (outside one, outputs go to stdout as text). */
export function inKernel(): boolean {
  return typeof loaded('jupyter')?.lastWriteDisplayData === 'function';
}

/**
 * Sends `bundle` as one display message. With `displayId`, the first call creates an output and later
 * calls with `update: true` replace it in place (progress). Outside a kernel, prints the text form.
 */
export function publish(bundle: MimeBundle, options: { displayId?: string; update?: boolean } = {}): void {
  const write = loaded('jupyter')?.lastWriteDisplayData;
  const transient = options.displayId ? { display_id: options.displayId } : {};
  if (typeof write === 'function') {
    (write as WriteDisplayData)({ data: bundle, metadata: {}, transient }, options.update ?? false);
    return;
  }
  const pub = loaded('public') as { display?: { raw(type: string, data: string): void } } | undefined;
  if (pub?.display) {
    const type = Object.keys(bundle).find((k) => k !== 'text/plain') ?? 'text/plain';
    const data = bundle[type];
    pub.display.raw(type, typeof data === 'string' ? data : JSON.stringify(data));
    return;
  }
  process.stdout.write(`${bundle['text/plain']}\n`);
}
