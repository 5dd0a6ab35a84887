import { type KolConfig, REDACTED, redactConfig } from '../../config/index.ts';

/** Masks secrets in a string bound for an output. */
export type Redactor = (text: string) => string;

/** `scheme://user:password@host` anywhere in a text: the password part. */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*:)([^\s@/?#]+)@/gi;

/**
 * Every secret value of a resolved config: the fields `config show` redacts (keys, tokens, passwords)
 * and passwords embedded in its URLs. Found by comparing the config with its redacted copy, so the list
 * follows the config layer's own definition of a secret.
 *
 * @example
 * configSecrets(resolveConfig({ profile: 'cluster' })); // ['minio-dev-secret…']
 */
export function configSecrets(config: KolConfig): string[] {
  const out = new Set<string>();
  const walk = (original: unknown, redacted: unknown): void => {
    if (typeof original === 'string') {
      if (original !== redacted) {
        out.add(original);
        const password = urlPassword(original);
        if (password) out.add(password);
      }
      return;
    }
    if (original && typeof original === 'object' && redacted && typeof redacted === 'object') {
      for (const [k, v] of Object.entries(original)) walk(v, (redacted as Record<string, unknown>)[k]);
    }
  };
  walk(config, redactConfig(config));
  return [...out].filter((s) => s.length > 0 && s !== REDACTED);
}

function urlPassword(text: string): string | undefined {
  try {
    const p = new URL(text).password;
    return p ? decodeURIComponent(p) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A redactor for `secrets` (and their URL-encoded forms) plus any `user:password@` in a URL. Longer
 * secrets are masked first, so one secret containing another is masked whole.
 *
 * @example
 * const redact = createRedactor(['s3cr3t']);
 * redact('key=s3cr3t, db=postgres://kol:pw@h/db'); // 'key=***, db=postgres://kol:***@h/db'
 */
export function createRedactor(secrets: readonly string[]): Redactor {
  const needles = [...new Set(secrets.filter((s) => s.length > 0).flatMap((s) => [s, encodeURIComponent(s)]))].sort(
    (a, b) => b.length - a.length,
  );
  return (text: string): string => {
    let out = text;
    for (const needle of needles) if (out.includes(needle)) out = out.split(needle).join(REDACTED);
    return out.replace(URL_PASSWORD, (_m, head: string) => `${head}${REDACTED}@`);
  };
}

/**
 * Applies `redact` to every string inside a JSON-like value (keys included), for figure JSON and other
 * structured outputs.
 */
export function redactDeep<T>(value: T, redact: Redactor): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [redact(k), redactDeep(v, redact)])) as T;
  }
  return value;
}
