import type { KolConfig } from '../config/types.ts';

/** The outcome of one doctor check: `fix` says what to do when `ok` is false (null when it passed). */
export interface CheckResult {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
  readonly fix: string | null;
}

/** A back end the active profile uses, and how to see whether it works. */
export interface Check {
  readonly name: string;
  run(config: KolConfig, signal: AbortSignal): Promise<Omit<CheckResult, 'name'>>;
}

export const pass = (detail: string): Omit<CheckResult, 'name'> => ({ ok: true, detail, fix: null });
export const fail = (detail: string, fix: string): Omit<CheckResult, 'name'> => ({ ok: false, detail, fix });

/** The message of an unknown thrown value, without a stack. */
export function reason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return reason(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as { code?: string }).code;
    const cause = error.cause instanceof Error && !error.message.includes(error.cause.message) ? ` (${error.cause.message})` : '';
    return `${code && !error.message.includes(code) ? `${code}: ` : ''}${error.message}${cause}`;
  }
  return String(error);
}
