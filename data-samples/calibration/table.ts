import type { CalibrationTable } from './measure.ts';

const pct = (x: number, digits = 2): string => (Number.isNaN(x) ? '–' : `${(100 * x).toFixed(digits)}%`);

/**
 * The calibration table as Markdown: target vs measured ER per follower bucket (within ±25% passes) and
 * configured vs measured fraud rate per tier (with the binomial ±2σ a sample of that size allows).
 *
 * @example process.stdout.write(formatCalibration(sink.table(options), 'scale s, seed 42'));
 */
export function formatCalibration(table: CalibrationTable, title: string): string {
  const lines = [
    `Calibration, ${title}`,
    '',
    '| followers | creators | target ER | measured ER | measured/target | within ±25% |',
    '|---|---:|---:|---:|---:|---|',
    ...table.er.map((r) => {
      const ratio = r.measured / r.target;
      return `| ${r.bucket} | ${r.creators} | ${pct(r.target)} | ${pct(r.measured)} | ${Number.isNaN(ratio) ? '–' : ratio.toFixed(2)} | ${Math.abs(ratio - 1) <= 0.25 ? 'yes' : 'NO'} |`;
    }),
    '',
    '| tier | creators | configured fraud | measured fraud | ±2σ at this size | within ±2σ |',
    '|---|---:|---:|---:|---:|---|',
    ...table.fraud.map(
      (r) =>
        `| ${r.tier} | ${r.creators} | ${pct(r.configured, 1)} | ${pct(r.measured, 1)} | ±${pct(r.twoSigma, 1)} | ${Math.abs(r.measured - r.configured) <= r.twoSigma ? 'yes' : 'no'} |`,
    ),
    '',
  ];
  return lines.join('\n');
}
