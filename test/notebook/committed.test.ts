import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '..', '..', 'notebooks');
const notebooks = readdirSync(dir).filter((f) => f.endsWith('.ipynb'));

interface Cell {
  readonly cell_type: string;
  readonly source: string | string[];
  readonly outputs?: unknown[];
  readonly execution_count?: number | null;
}

describe('committed notebooks', () => {
  it('exist', () => {
    expect(notebooks.length).toBeGreaterThanOrEqual(2);
  });

  it.each(notebooks)('%s: no outputs, no execution counts, the tslab kernel, no credentials', (name) => {
    const text = readFileSync(join(dir, name), 'utf8');
    const nb = JSON.parse(text) as { cells: Cell[]; metadata: { kernelspec: { name: string } } };
    expect(nb.metadata.kernelspec.name).toBe('tslab');
    const code = nb.cells.filter((c) => c.cell_type === 'code');
    expect(code.length).toBeGreaterThan(0);
    expect(code.filter((c) => (c.outputs ?? []).length > 0 || c.execution_count != null)).toEqual([]);
    // Credentials come from the config at run time, never from a notebook's text.
    expect(text).not.toMatch(/(password|secret|token|access_?key)\s*[:=]\s*['"][^'"]+['"]/i);
    expect(text).not.toMatch(/[a-z]+:\/\/[^\s:/@"]+:[^\s@"]+@/i);
  });
});
