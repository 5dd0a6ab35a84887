import { describe, expect, it } from 'vitest';
import { Id, idPrefix } from '../../data-samples/generator/ids.ts';
import { Rng } from '../../data-samples/generator/index.ts';
import { LineBuffer } from '../../data-samples/generator/line-buffer.ts';
import { compileLineWriter } from '../../data-samples/generator/serialize.ts';
import { defineContract } from '../../sdk/contracts/index.ts';
import { t } from '../../sdk/types/index.ts';

/** Every column kind the writer compiles, nullable ones included. */
const sample = defineContract({
  name: 'sample',
  version: 1,
  description: 'every kind of column',
  key: 'key',
  eventTime: 'at',
  columns: {
    event_id: t.string(),
    key: t.string(),
    at: t.timestamp(),
    day: t.date(),
    count: t.int64(),
    amount: t.float64(),
    flag: t.bool(),
    tags: t.list(t.string()),
    nested: t.list(t.list(t.int64())),
    note: t.string().optional(),
  },
});

const write = compileLineWriter(sample);
const line = (row: object): string => {
  const out = new LineBuffer(16);
  write(out, row);
  return out.buf.subarray(0, out.pos).toString('utf8');
};

/** The same row as JSON.stringify sees it: ids as their text, epoch milliseconds as ISO-8601. */
const plain = (row: Record<string, unknown>) =>
  `${JSON.stringify(
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [
        k,
        v instanceof Id ? v.toString() : k === 'at' && typeof v === 'number' ? new Date(v).toISOString() : v,
      ]),
    ),
  )}\n`;

describe('the compiled line writer', () => {
  it('writes exactly what JSON.stringify writes, whatever the strings and numbers (seeded fuzz)', () => {
    const rng = Rng.from(11, 1);
    const texts = ['plain', 'quote "q"', 'back\\slash', 'tab\tnew\nline', '\u0001', 'café', '😀 emoji', '\u2028', '\ud800', ''];
    const numbers = [0, -0, 1, 9, 10, 2147483647, 2147483648, -5, 0.1, 1e21, 1.5e-7, 123456.789, Number.MAX_SAFE_INTEGER];
    for (let i = 0; i < 500; i++) {
      const row = {
        event_id: rng.chance(0.5) ? new Id(idPrefix('ev-ab12-'), rng.u32()) : `ev-${i}`,
        key: rng.pick(texts),
        at: rng.chance(0.8) ? Math.floor(rng.range(0, 253402300799999)) : '2024-01-01T00:00:00.000Z',
        day: '2024-02-29',
        count: rng.pick(numbers),
        amount: rng.chance(0.5) ? rng.pick(numbers) : rng.normal() * 1e4,
        flag: rng.chance(0.5),
        tags: Array.from({ length: rng.int(4) }, () => rng.pick(texts)),
        nested: Array.from({ length: rng.int(3) }, () => Array.from({ length: rng.int(3) }, () => rng.int(1000))),
        note: rng.chance(0.3) ? null : rng.chance(0.5) ? undefined : rng.pick(texts),
      };
      const expected = plain({ ...row, note: row.note ?? null });
      expect(line(row), JSON.stringify(row)).toBe(expected);
    }
  });

  it('refuses a number JSON cannot hold rather than writing null', () => {
    expect(() =>
      line({ event_id: 'e', key: 'k', at: 0, day: 'd', count: Number.NaN, amount: 1, flag: true, tags: [], nested: [] }),
    ).toThrow(/cannot write NaN/);
  });

  it('prints an Id as its prefix and eight hex digits', () => {
    expect(new Id(idPrefix('po-1a2b3c4d-'), 0x00ff10ab).toString()).toBe('po-1a2b3c4d-00ff10ab');
    expect(() => idPrefix('bad "prefix"')).toThrow(/characters ids may not hold/);
  });
});
