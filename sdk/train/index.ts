/** Training: learners for the trust and success ensembles. */
export * from './gbdt/index.ts';
export * from './metrics/index.ts';
