/** Evaluation metrics of the trust and success models. */
export { brier, calibrationCurve, ece } from './calibration.ts';
export { prAuc, rocAuc, rocCurve } from './ranking.ts';
export { bestF1Threshold, f1At } from './threshold.ts';
