import { type KolConfig, SECRET_PATHS, URL_PATHS } from './types.ts';

export const REDACTED = '***';

/**
 * A copy of the config safe to print or log: secret values become `***`, passwords inside URLs too.
 *
 * @example
 * console.log(JSON.stringify(redactConfig(resolveConfig()), null, 2));
 */
export function redactConfig(config: KolConfig): unknown {
  const copy = structuredClone(config) as unknown as Record<string, unknown>;
  for (const path of SECRET_PATHS) {
    const keys = path.split('.');
    const last = keys.pop() as string;
    let node: unknown = copy;
    for (const k of keys) node = (node as Record<string, unknown> | undefined)?.[k];
    if (node && typeof node === 'object' && (node as Record<string, unknown>)[last] !== undefined) {
      (node as Record<string, unknown>)[last] = REDACTED;
    }
  }
  for (const path of URL_PATHS) {
    const keys = path.split('.');
    const last = keys.pop() as string;
    let node: unknown = copy;
    for (const k of keys) node = (node as Record<string, unknown> | undefined)?.[k];
    const value = (node as Record<string, unknown> | undefined)?.[last];
    if (typeof value === 'string') (node as Record<string, unknown>)[last] = redactUrl(value);
  }
  return copy;
}

/** `postgres://kol:secret@host/db` → `postgres://kol:***@host/db`; URLs without a password are unchanged. */
export function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password === '') return value;
    url.password = REDACTED;
    return url.toString().replace('%2A%2A%2A', REDACTED);
  } catch {
    return value;
  }
}
