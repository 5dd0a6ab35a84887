import { execFile } from 'node:child_process';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../sdk/config/index.ts';
import {
  type ExecutedNotebook,
  executeNotebook,
  listNotebooks,
  PLOTLY_MIME,
  prepareWorkbench,
  type Workbench,
} from '../../sdk/notebook/index.ts';

const root = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);

/**
 * What each known notebook must show besides charts: the columns of at least one of its tables. A
 * notebook not listed here is still run and must finish without error and draw a plotly figure.
 */
const EXPECTED_TABLES: Record<string, readonly (readonly string[])[]> = {
  '01_explore_world.ipynb': [
    ['tier', 'creators', 'posts', 'engagement_rate', 'median_rate'],
    ['side', 'creator_id', 'handle', 'tier', 'niche', 'is_fraud', 'fraud_types', 'followers'],
  ],
  '02_features.ipynb': [
    ['creator_id', 'as_of', 'is_fraud', 'posts_count_28d', 'view_rate_mean_28d', 'followers_last_28d', 'follower_trend_slope_28d'],
    ['label', 'creators', 'view_rate_28d', 'posts_28d'],
  ],
  '03_train_trust.ipynb': [
    ['metric', 'value'],
    ['tier', 'rows', 'positives', 'roc_auc', 'ece'],
    ['creator_id', 'as_of', 'probability', 'label', 'reasons'],
  ],
  '04_success.ipynb': [
    ['metric', 'value'],
    ['target', 'rows', 'rmse', 'baseline_rmse', 'mae', 'r2'],
  ],
  // The engine table is shown only when Trino answered and agreed with DuckDB: the integration run has Trino.
  '05_adhoc_sql.ipynb': [
    ['creator_id', 'followers', 'follower_growth_30d', 'posts_30d', 'engagements_30d', 'roas_30d', 'cpm_30d'],
    ['engine', 'creators', 'seconds', 'matches_duckdb'],
    ['dt', 'spend_usd', 'revenue_usd', 'roas', 'campaigns'],
  ],
};

let wb: Workbench;
beforeAll(async () => {
  // Installs Jupyter Lab into the cached venv on the first run on a machine (a few minutes), then is instant.
  wb = await prepareWorkbench(resolveConfig({ cwd: root, allowMissingSecrets: true }), root, (line) => process.stderr.write(`${line}\n`));
}, 900_000);

describe('kol-sdk notebook --check', () => {
  it('starts Jupyter Lab on 127.0.0.1 with this project’s tslab kernel and the plotly renderer, then stops', async () => {
    const { stdout } = await run(process.execPath, [join(root, 'sdk', 'cli', 'bin.mjs'), 'notebook', '--check', '--json'], { cwd: root });
    const check = JSON.parse(stdout) as { ok: boolean; url: string; kernel: { argv: string[] }; plotlyRenderer: boolean };
    expect(check.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(check.kernel.argv[0]).toBe(join(root, 'node_modules', '.bin', 'tslab'));
    expect(check.plotlyRenderer).toBe(true);
    expect(check.ok).toBe(true);
  }, 300_000);
});

describe('every notebook runs headless with nbclient and the tslab kernel', () => {
  const notebooks = listNotebooks({ notebooksDir: join(root, 'notebooks') } as Workbench['paths']);

  it.each(notebooks.map((n) => [basename(n), n]))(
    '%s: no error, a plotly figure, the expected tables',
    async (_name, file) => {
      const result: ExecutedNotebook = await executeNotebook(wb.paths, file);
      expect(result.failed, `cell ${result.failed?.index}: ${result.failed?.stderr}`).toBeUndefined();
      expect(result.cells.every((c) => c.status === 'ok')).toBe(true);
      expect(result.cells.some((c) => c.outputs.includes(PLOTLY_MIME))).toBe(true);
      const tables = result.cells.flatMap((c) => c.tableColumns);
      for (const columns of EXPECTED_TABLES[basename(file)] ?? []) {
        expect(tables, `a table with columns ${columns.join(', ')}`).toContainEqual(expect.arrayContaining([...columns]));
      }
    },
    600_000,
  );
});
