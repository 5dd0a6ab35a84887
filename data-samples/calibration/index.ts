/**
 * Calibration of the generated world, measured from its raw events the way an analyst would (never from
 * the generator's hidden state): ER per follower bucket against HypeAuditor's averages and fraud rate per
 * tier against the configured prevalence. `npm run calibration` prints the table.
 */
export { type CalibrationTable, calibrationSink, type ErRow, type FraudRow } from './measure.ts';
export { formatCalibration } from './table.ts';
