/** Appends to a lake table from its own process, as a second writer beside another. */
import { resolveConfig } from '../../sdk/config/index.ts';
import { openDuckDB } from '../../sdk/engines/index.ts';
import { lakeTable } from '../../sdk/lake/index.ts';

const [home, table, tag, times] = process.argv.slice(2) as [string, string, string, string];
const lake = await openDuckDB(resolveConfig({ profile: 'local', cwd: home }));
try {
  const t = await lakeTable(lake, table);
  for (let i = 0; i < Number(times); i++) {
    await t.append(`SELECT '${tag}-${i}-' || r, r::BIGINT FROM range(100) x(r)`);
  }
} finally {
  await lake.close();
}
