import type { KolConfig } from '../../config/index.ts';
import { projectConfig } from '../../query/index.ts';
import { configSecrets, createRedactor, type Redactor } from './redact.ts';

/** Limits and the redactor every renderer of this module uses. */
export interface DisplaySettings {
  readonly maxRows: number;
  readonly maxColumns: number;
  readonly maxCellChars: number;
  readonly redact: Redactor;
  /** Where run links point (`mlflow.trackingUri` of the config). */
  readonly trackingUri: string | undefined;
}

let config: KolConfig | undefined;
let extraSecrets: string[] = [];
let limits = { maxRows: 20, maxColumns: 40, maxCellChars: 120 };
let settings: DisplaySettings | undefined;

/**
 * Changes what outputs show: the config whose secrets are masked (default: the project's), more
 * strings to mask, and table limits. Secrets are added to, never removed from, the mask list.
 *
 * @example
 * configureDisplay({ maxRows: 50, secrets: [process.env.API_TOKEN ?? ''] });
 */
export function configureDisplay(options: {
  config?: KolConfig;
  secrets?: readonly string[];
  maxRows?: number;
  maxColumns?: number;
  maxCellChars?: number;
}): void {
  if (options.config) config = options.config;
  if (options.secrets) extraSecrets = [...extraSecrets, ...options.secrets.filter((s) => s.length > 0)];
  limits = {
    maxRows: options.maxRows ?? limits.maxRows,
    maxColumns: options.maxColumns ?? limits.maxColumns,
    maxCellChars: options.maxCellChars ?? limits.maxCellChars,
  };
  settings = undefined;
}

/** The current settings; the project's config is resolved on first use. */
export function displaySettings(): DisplaySettings {
  if (settings) return settings;
  let active = config;
  if (!active) {
    try {
      active = projectConfig();
    } catch {
      // An invalid config still must not leak what it holds: fall back to URL passwords and extras.
      active = undefined;
    }
  }
  const secrets = [...(active ? configSecrets(active) : []), ...extraSecrets];
  settings = { ...limits, redact: createRedactor(secrets), trackingUri: active?.mlflow.trackingUri };
  return settings;
}
