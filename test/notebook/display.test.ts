import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { explain } from '../../sdk/compile/index.ts';
import { resolveConfig } from '../../sdk/config/index.ts';
import {
  barChart,
  configSecrets,
  configureDisplay,
  createRedactor,
  explainBundle,
  histogram,
  lineChart,
  PLOTLY_MIME,
  plotlyBundle,
  progress,
  renderBundle,
  runBundle,
  scatterChart,
  tableBundle,
} from '../../sdk/notebook/index.ts';
import { closeDuckDB, sql } from '../../sdk/query/index.ts';
import { creatorEngagement } from '../features/fixtures.ts';

const none = (s: string) => s;
const html = (b: Record<string, unknown> | undefined) => String(b?.['text/html']);

afterAll(async () => {
  await closeDuckDB();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('tables', () => {
  it('a query result: header with name, SQL type and null count; cut rows announced with the full count', async () => {
    const r = await sql(
      "SELECT range AS i, CASE WHEN range % 10 = 0 THEN NULL ELSE range * 0.5 END AS half, DATE '2025-01-01' + range::INT AS day FROM range(45)",
      {
        lake: 'none',
      },
    );
    const b = tableBundle(r, { maxRows: 5, redact: none });
    const h = html(b);
    expect(h).toMatch(/<th [^>]*>i<br><span [^>]*>BIGINT · no nulls<\/span><\/th>/);
    expect(h).toMatch(/>half<br><span [^>]*>DECIMAL\(\d+,\d+\) · 5 nulls</);
    expect(h).toMatch(/>day<br><span [^>]*>DATE · no nulls</);
    expect(h.match(/<tr><th>\d+<\/th>/g)).toHaveLength(5);
    expect(h).toContain('40 more rows');
    expect(h).toContain('5 of 45 rows × 3 columns (query)');
    expect(h).toContain('<td>2025-01-03</td>');
    expect(b?.['text/plain']).toMatch(/^i\s+half\s+day\n0\s+null\s+2025-01-01\n/);
    expect(b?.['text/plain']).toMatch(/\(5 of 45 rows\)$/);
  });

  it('an Arrow table keeps its types and null counts', async () => {
    const r = await sql("SELECT * FROM (VALUES (1::BIGINT, 'a'), (2, NULL), (3, 'c')) t(n, s)", { lake: 'none' });
    const h = html(tableBundle(r.toArrow(), { redact: none }));
    expect(h).toMatch(/>n<br><span [^>]*>Int64 · no nulls</);
    expect(h).toMatch(/>s<br><span [^>]*>Utf8 · 1 null</);
    expect(h).toContain('3 rows × 2 columns (arrow)');
  });

  it('a danfo DataFrame shows its dtypes', async () => {
    const r = await sql('SELECT range AS n, range * 1.5 AS x FROM range(4)', { lake: 'none' });
    const h = html(tableBundle(r.toDataFrame(), { redact: none }));
    expect(h).toMatch(/>n<br><span [^>]*>int32 · no nulls</);
    expect(h).toMatch(/>x<br><span [^>]*>float32 · no nulls</);
    expect(h).toContain('4 rows × 2 columns (dataframe)');
  });

  it('plain rows: inferred types, HTML escaped, long cells cut, secrets masked', () => {
    const rows = [
      { who: '<script>alert(1)</script>', n: 1, url: 'postgres://kol:hunter2@db/x', note: 'x'.repeat(300) },
      { who: 'b', n: 2.5, url: null, note: 'token=s3cr3t-value' },
    ];
    const b = tableBundle(rows, { redact: createRedactor(['s3cr3t-value']), maxCellChars: 50 });
    const h = html(b);
    expect(h).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(h).not.toContain('<script>');
    expect(h).toMatch(/>n<br><span [^>]*>float · no nulls</);
    expect(h).toMatch(/>url<br><span [^>]*>string · 1 null</);
    expect(h).toContain(`${'x'.repeat(49)}…`);
    expect(`${h}${b?.['text/plain']}`).not.toMatch(/hunter2|s3cr3t-value/);
    expect(h).toContain('postgres://kol:***@db/x');
  });
});

describe('plotly figures', () => {
  const rows = [
    { tier: 'nano', er: 0.081, n: 13n, day: new Date('2025-01-01T00:00:00Z') },
    { tier: 'micro', er: 0.052, n: 4n, day: new Date('2025-01-02T00:00:00Z') },
  ];

  it('one bundle: the plotly mime type with JSON-safe data, an HTML fallback that draws with Plotly, a text summary', () => {
    const b = plotlyBundle(barChart(rows, { x: 'tier', y: 'n', title: 'Creators by tier' }), { redact: none });
    expect(Object.keys(b).sort()).toEqual([PLOTLY_MIME, 'text/html', 'text/plain'].sort());
    const fig = b[PLOTLY_MIME] as { data: { type: string; x: unknown[]; y: unknown[] }[]; layout: { title: { text: string } } };
    expect(fig.data).toEqual([{ type: 'bar', x: ['nano', 'micro'], y: [13, 4] }]);
    expect(fig.layout.title.text).toBe('Creators by tier');
    expect(JSON.parse(JSON.stringify(fig))).toEqual(fig);
    expect(html(b)).toContain('window.Plotly.newPlot(el,f.data,f.layout');
    expect(html(b)).toContain('<td>bar</td><td></td><td>2</td>');
    expect(b['text/plain']).toBe('plotly figure "Creators by tier": bar (2 points)');
  });

  it('the fallback script cannot be closed by data, and secrets in a figure are masked', () => {
    const b = plotlyBundle(
      { data: [{ type: 'bar', x: ['</script><b>x', 'key=abc123secret'], y: [1, 2] }], layout: { title: 'abc123secret' } },
      { redact: createRedactor(['abc123secret']) },
    );
    const script = html(b).slice(html(b).indexOf('<script'));
    expect(script.match(/<\/script>/g)).toHaveLength(1);
    expect(JSON.stringify(b)).not.toContain('abc123secret');
  });

  it('line, scatter and histogram split traces by a color column and convert Dates and bigints', () => {
    const line = lineChart(rows, { x: 'day', y: 'er', color: 'tier' });
    expect(line.data.map((t) => [t.name, t.mode, t.x, t.y])).toEqual([
      ['nano', 'lines', ['2025-01-01T00:00:00.000Z'], [0.081]],
      ['micro', 'lines', ['2025-01-02T00:00:00.000Z'], [0.052]],
    ]);
    const scatter = scatterChart(rows, { x: 'n', y: 'er', text: 'tier' });
    expect(scatter.data[0]).toMatchObject({ type: 'scatter', mode: 'markers', x: [13, 4], text: ['nano', 'micro'] });
    expect(histogram([1, 2, 2, 3], { bins: 3 }).data).toEqual([{ type: 'histogram', name: undefined, x: [1, 2, 2, 3], nbinsx: 3 }]);
    expect(() => histogram(rows)).toThrow(/needs \{ x: column \}/);
  });
});

describe('feature definitions, MLflow runs, progress', () => {
  it('a feature set shows its compiled SQL of the chosen dialect beside its outputs', () => {
    const e = explain(creatorEngagement);
    const b = explainBundle(e, { dialect: 'trino', redact: none });
    expect(html(b)).toContain('creator_engagement v1 — SQL (trino; also duckdb)');
    expect(b['text/plain']).toContain(e.sql.trino);
    for (const o of e.outputs.slice(0, 3)) expect(html(b)).toContain(`<td>${o.name}</td>`);
    expect(renderBundle(e)['text/plain']).toContain(e.sql.duckdb);
  });

  it('an MLflow run: summary, metrics, params, a link to the UI without the credentials of the tracking URI', () => {
    const run = {
      info: {
        runId: 'r1',
        runName: 'trust-v3',
        experimentId: '7',
        status: 'FINISHED',
        startTime: 0,
        endTime: 90_000,
        userId: 'kol',
        artifactUri: 's3://x',
      },
      data: { metrics: [{ key: 'auc', value: 0.912345678 }], params: { depth: '6' }, tags: { 'mlflow.user': 'x', team: 'trust' } },
      inputs: [{ dataset: { name: 'frame', digest: 'abc' } }],
    };
    const b = runBundle(run, { trackingUri: 'http://admin:pw-123@127.0.0.1:5000', redact: none });
    expect(html(b)).toContain('<a href="http://127.0.0.1:5000/#/experiments/7/runs/r1"');
    expect(html(b)).not.toContain('pw-123');
    expect(html(b)).toContain('<th style="text-align:left">auc</th><td style="text-align:left">0.912346</td>');
    expect(html(b)).toContain('90.0 s');
    expect(html(b)).toContain('team');
    expect(html(b)).not.toContain('mlflow.user');
    expect(b['text/plain']).toContain('auc = 0.912345678');
    expect(renderBundle(run)['text/html']).toContain('trust-v3');
  });

  it('progress outside a kernel prints only the final state', () => {
    const writes: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    const p = progress('scoring', 4);
    for (let i = 0; i < 4; i++) p.tick();
    p.done('all scored');
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(/^scoring: 4 \/ 4 \(100%\) · all scored · \d+\.\d s · done\n$/);
  });
});

describe('credentials never reach an output', () => {
  it('every secret of the config is masked in whatever renderBundle shows', () => {
    const config = resolveConfig({
      profile: 'cluster',
      cwd: '/nonexistent-kol-project',
      env: { AWS_SECRET_ACCESS_KEY: 'Sup3rS3cretKey!', MLFLOW_TRACKING_PASSWORD: 'mlflow-pw-7', TRINO_PASSWORD: 'trino-pass-9' },
      allowMissingSecrets: true,
    });
    const secrets = configSecrets(config);
    const redact = createRedactor(secrets);
    expect(redact(JSON.stringify(config))).not.toMatch(/Sup3rS3cretKey!|trino-pass-9|mlflow-pw-7/);
    expect(secrets).toEqual(expect.arrayContaining(['Sup3rS3cretKey!', 'trino-pass-9', 'mlflow-pw-7']));
    configureDisplay({ config });
    const shown = renderBundle({ note: 'key Sup3rS3cretKey! and trino-pass-9', nested: [{ pw: 'mlflow-pw-7' }] });
    expect(JSON.stringify(shown)).not.toMatch(/Sup3rS3cretKey!|trino-pass-9|mlflow-pw-7/);
  });
});
