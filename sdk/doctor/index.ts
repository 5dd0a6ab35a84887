/** `kol-sdk doctor`: is every back end of the active profile reachable, and if not, what is the fix. */
export { checksFor, type DoctorReport, runDoctor } from './run.ts';
export type { Check, CheckResult } from './types.ts';
