import type { EventType } from '../../sdk/contracts/index.ts';
import type { AnyEventRow, EventSink } from './world.ts';

/** Rows of every event type, parsed back from the generated lines (for tests and notebooks). */
export type WorldRows = { [T in EventType]: Record<string, unknown>[] };

/**
 * A sink that keeps everything in memory as parsed rows: for small worlds in tests, where holding the world
 * is fine. The rows are what the files would hold, since they are parsed from the very same lines.
 *
 * @example
 * const sink = memorySink();
 * await generateWorld(worldOptions('xs', 7), sink);
 * sink.rows.posts.length;
 */
export function memorySink(): EventSink & { readonly rows: WorldRows; readonly lines: { [T in EventType]: string[] } } {
  const rows = {} as WorldRows;
  const lines = {} as { [T in EventType]: string[] };
  return {
    rows,
    lines,
    write(type, buffer) {
      const text = buffer.toString('utf8');
      lines[type] ??= [];
      rows[type] ??= [];
      const list = lines[type];
      const parsed = rows[type];
      for (const line of text.split('\n')) {
        if (line === '') continue;
        list.push(line);
        parsed.push(JSON.parse(line) as AnyEventRow as Record<string, unknown>);
      }
    },
  };
}
