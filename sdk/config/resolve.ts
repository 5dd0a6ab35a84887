import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve as resolvePath } from 'node:path';
import * as v from 'valibot';
import { IssueCollector } from '../errors/issues.ts';
import { didYouMean } from '../util/suggest.ts';
import { defaultCacheDir, profileDefaults } from './defaults.ts';
import { overridesFromEnv } from './env.ts';
import { type ConfigFile, ConfigFileSchema, KNOWN_KEYS, type ProfileOverrides } from './file-schema.ts';
import { type KolConfig, PROFILE_NAMES, type ProfileName } from './types.ts';

export const CONFIG_FILE_NAME = 'kol.config.json';
/** Development credentials written by `kol-sdk services up` when none are configured (mode 0600, git-ignored). */
export const DEV_SECRETS_FILE = 'secrets.json';

export interface ResolveOptions {
  /** Project folder; `kol.config.json` and `.kol/` are looked up here. Default: `process.cwd()`. */
  readonly cwd?: string;
  /** `--profile` from the command line; wins over `KOL_PROFILE` and the file. */
  readonly profile?: string;
  /** Environment to read; default `process.env`. Tests pass their own. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Explicit config file path (`--config`); default `<cwd>/kol.config.json` when it exists. */
  readonly configFile?: string;
  /** When true, a cluster profile without S3 keys is not an error (used by `services up`, which creates them). */
  readonly allowMissingSecrets?: boolean;
}

/**
 * Resolves the active profile from defaults, `kol.config.json`, `.kol/secrets.json`, the environment and
 * `--profile`, in that order of precedence (last wins). Every problem is collected and thrown once as an
 * {@link IssuesError} whose message names each fix.
 *
 * @example
 * const config = resolveConfig({ profile: 'cluster' });
 * console.log(config.kafka.brokers); // ['127.0.0.1:9092']
 */
export function resolveConfig(options: ResolveOptions = {}): KolConfig {
  const cwd = resolvePath(options.cwd ?? process.cwd());
  const env = options.env ?? process.env;
  const issues = new IssueCollector();
  const sources: string[] = ['defaults'];

  const filePath = options.configFile ? resolvePath(cwd, options.configFile) : join(cwd, CONFIG_FILE_NAME);
  let file: ConfigFile = {};
  if (existsSync(filePath)) {
    file = readConfigFile(filePath, issues);
    sources.push(filePath);
  } else if (options.configFile) {
    issues.add('config.file_missing', '', `config file ${filePath} does not exist — create it or drop --config`);
  }

  const profileRaw = options.profile ?? env.KOL_PROFILE?.trim() ?? file.profile ?? 'local';
  let profile: ProfileName = 'local';
  if ((PROFILE_NAMES as readonly string[]).includes(profileRaw)) {
    profile = profileRaw as ProfileName;
  } else {
    issues.add(
      'config.unknown_profile',
      'profile',
      `unknown profile '${profileRaw}'${didYouMean(profileRaw, PROFILE_NAMES)} — use one of ${PROFILE_NAMES.join(', ')}`,
    );
  }

  const fromEnv = overridesFromEnv(env);
  const { profiles: _profiles, profile: _profile, $schema: _schema, ...fileShared } = file;
  const fileProfile = file.profiles?.[profile] ?? {};
  const homeRaw = fromEnv.home ?? fileProfile.home ?? fileShared.home ?? '.kol';
  const home = absolute(cwd, homeRaw);
  const cacheDir = defaultCacheDir(env);

  const secrets = readDevSecrets(home, issues);
  if (secrets) sources.push(join(home, DEV_SECRETS_FILE));
  if (Object.keys(fromEnv).length > 0) sources.push('environment');
  if (options.profile) sources.push('--profile');

  const merged = mergeAll([profileDefaults(profile, home, cwd, cacheDir), fileShared, fileProfile, secrets ?? {}, fromEnv]);
  const config = finish(profile, home, cwd, sources, merged);
  validate(config, issues, options.allowMissingSecrets ?? false);
  issues.throwIfAny(`invalid kol-sdk configuration (profile '${profileRaw}')`, 'config.invalid');
  return deepFreeze(config);
}

function readConfigFile(path: string, issues: IssueCollector): ConfigFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    issues.add('config.not_json', '', `${path} is not valid JSON (${(error as Error).message}) — fix the syntax`);
    return {};
  }
  const parsed = v.safeParse(ConfigFileSchema, raw);
  if (parsed.success) return parsed.output;
  // Drop each offending value and keep the rest, so that the semantic checks below still run and the
  // user sees every problem of the file in one error, not one layer at a time.
  const kept = structuredClone(raw) as Record<string, unknown>;
  for (const issue of parsed.issues) {
    const keys = (issue.path ?? []).map((p) => String(p.key));
    removePath(kept, keys);
    const path = keys.join('.');
    if (issue.kind === 'schema' && issue.type === 'strict_object' && issue.input !== undefined) {
      const unknownKey = keys[keys.length - 1] ?? '';
      const section = keys
        .filter((k) => k !== 'profiles' && k !== 'local' && k !== 'cluster')
        .slice(0, -1)
        .join('.');
      const known = KNOWN_KEYS[section] ?? [];
      issues.add(
        'config.unknown_key',
        path,
        `unknown key '${unknownKey}' in ${CONFIG_FILE_NAME}${didYouMean(unknownKey, known)} — remove or rename it`,
      );
    } else {
      issues.add('config.bad_value', path, `${issue.message} — fix this value in ${CONFIG_FILE_NAME}`);
    }
  }
  return v.safeParse(ConfigFileSchema, kept).success ? (kept as ConfigFile) : {};
}

function removePath(root: Record<string, unknown>, keys: readonly string[]): void {
  let node: unknown = root;
  for (const k of keys.slice(0, -1)) node = (node as Record<string, unknown> | undefined)?.[k];
  const last = keys[keys.length - 1];
  if (last !== undefined && node && typeof node === 'object') delete (node as Record<string, unknown>)[last];
}

function readDevSecrets(home: string, issues: IssueCollector): ProfileOverrides | undefined {
  const path = join(home, DEV_SECRETS_FILE);
  if (!existsSync(path)) return undefined;
  try {
    const raw = JSON.parse(readFileSync(path, 'utf8')) as { accessKeyId?: string; secretAccessKey?: string };
    if (typeof raw.accessKeyId !== 'string' || typeof raw.secretAccessKey !== 'string') throw new Error('keys missing');
    return { s3: { accessKeyId: raw.accessKeyId, secretAccessKey: raw.secretAccessKey } };
  } catch (error) {
    issues.add(
      'config.bad_secrets_file',
      path,
      `cannot read development credentials (${(error as Error).message}) — delete the file and run 'kol-sdk services up' to recreate it`,
    );
    return undefined;
  }
}

type Plain = Record<string, unknown>;

function isPlain(x: unknown): x is Plain {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Deep merge where later layers win key by key; `catalogAuth` is replaced whole (a union, not a record). */
function mergeAll(layers: readonly unknown[]): Plain {
  const out: Plain = {};
  for (const layer of layers) mergeInto(out, layer as Plain, '');
  return out;
}

function mergeInto(target: Plain, source: Plain, path: string): void {
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined) continue;
    const here = path ? `${path}.${key}` : key;
    if (isPlain(value) && isPlain(target[key]) && here !== 'lake.catalogAuth') {
      const copy = { ...(target[key] as Plain) };
      mergeInto(copy, value, here);
      target[key] = copy;
    } else {
      target[key] = isPlain(value) ? { ...value } : value;
    }
  }
}

function absolute(cwd: string, p: string): string {
  return isAbsolute(p) ? p : resolvePath(cwd, p);
}

function finish(profile: ProfileName, home: string, cwd: string, sources: string[], m: Plain): KolConfig {
  const g = (section: string): Plain => (m[section] as Plain | undefined) ?? {};
  const brokersRaw = g('kafka').brokers as string | string[];
  const brokers = (Array.isArray(brokersRaw) ? brokersRaw : String(brokersRaw).split(',')).map((b) => b.trim()).filter((b) => b.length > 0);
  const lake = g('lake');
  const s3 = g('s3');
  const duckdb = g('duckdb');
  const services = g('services');
  const events = g('events');
  return {
    profile,
    home,
    sources,
    duckdb: {
      database: duckdb.database === ':memory:' ? ':memory:' : absolute(cwd, String(duckdb.database)),
      extensionDirectory: absolute(cwd, String(duckdb.extensionDirectory)),
    },
    lake: {
      warehouse: String(lake.warehouse),
      catalogUri: String(lake.catalogUri),
      catalogAuth: lake.catalogAuth as KolConfig['lake']['catalogAuth'],
      namespaces: lake.namespaces as KolConfig['lake']['namespaces'],
      buckets: lake.buckets as KolConfig['lake']['buckets'],
    },
    s3: {
      endpoint: s3.endpoint as string | undefined,
      region: String(s3.region),
      accessKeyId: s3.accessKeyId as string | undefined,
      secretAccessKey: s3.secretAccessKey as string | undefined,
      forcePathStyle: Boolean(s3.forcePathStyle),
    },
    trino: g('trino') as unknown as KolConfig['trino'],
    mlflow: g('mlflow') as unknown as KolConfig['mlflow'],
    kafka: { brokers, clientId: String(g('kafka').clientId) },
    redis: { url: String(g('redis').url) },
    postgres: { url: String(g('postgres').url) },
    events: { source: events.source as 'files' | 'kafka', dir: absolute(cwd, String(events.dir)) },
    services: { runDir: absolute(cwd, String(services.runDir)), cacheDir: absolute(cwd, String(services.cacheDir)) },
  };
}

function checkUrl(issues: IssueCollector, path: string, value: string, protocols: readonly string[], envVar: string | undefined): void {
  let ok = false;
  try {
    ok = protocols.includes(new URL(value).protocol);
  } catch {
    ok = false;
  }
  if (!ok) {
    const where = envVar ? `${envVar} or ${CONFIG_FILE_NAME}` : CONFIG_FILE_NAME;
    issues.add(
      'config.bad_url',
      path,
      `'${redactUrlForMessage(value)}' is not a ${protocols.map((p) => `${p}//`).join(' or ')} URL — fix it in ${where}`,
    );
  }
}

function redactUrlForMessage(value: string): string {
  return value.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
}

function validate(c: KolConfig, issues: IssueCollector, allowMissingSecrets: boolean): void {
  if (c.kafka.brokers.length === 0) {
    issues.add('config.no_brokers', 'kafka.brokers', 'no Kafka broker given — set KAFKA_BROKERS=host:port[,host:port]');
  }
  for (const [i, b] of c.kafka.brokers.entries()) {
    if (!/^[^\s:/]+:\d{1,5}$/.test(b) && !/^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(b)) {
      issues.add(
        'config.bad_broker',
        `kafka.brokers.${i}`,
        `'${b}' is not host:port — write brokers as KAFKA_BROKERS=127.0.0.1:9092[,host:port]`,
      );
    }
  }
  checkUrl(issues, 'trino.server', c.trino.server, ['http:', 'https:'], 'TRINO_SERVER');
  checkUrl(issues, 'mlflow.trackingUri', c.mlflow.trackingUri, ['file:', 'http:', 'https:'], 'MLFLOW_TRACKING_URI');
  checkUrl(issues, 'redis.url', c.redis.url, ['redis:', 'rediss:'], 'REDIS_URL');
  checkUrl(issues, 'postgres.url', c.postgres.url, ['postgres:', 'postgresql:'], 'DATABASE_URL');
  if (c.lake.catalogUri !== 'embedded') {
    checkUrl(issues, 'lake.catalogUri', c.lake.catalogUri, ['http:', 'https:'], 'ICEBERG_REST_URI');
  }
  if (c.s3.endpoint !== undefined) checkUrl(issues, 's3.endpoint', c.s3.endpoint, ['http:', 'https:'], 'AWS_ENDPOINT_URL_S3');
  if (!/^(file|s3|s3a|gs|abfss):\/\//.test(c.lake.warehouse)) {
    issues.add(
      'config.bad_warehouse',
      'lake.warehouse',
      `'${c.lake.warehouse}' is not a file:// or s3:// location — set lake.warehouse in ${CONFIG_FILE_NAME}`,
    );
  }
  if (c.profile === 'local' && c.lake.warehouse.startsWith('s3')) {
    issues.add(
      'config.local_s3_warehouse',
      'lake.warehouse',
      "the local profile keeps its warehouse on disk — use a file:// warehouse, or choose '--profile cluster'",
    );
  }
  for (const layer of ['bronze', 'silver', 'gold'] as const) {
    const ns = c.lake.namespaces[layer];
    if (!ns.startsWith('kol_')) {
      issues.add(
        'config.domain_separation',
        `lake.namespaces.${layer}`,
        `namespace '${ns}' must start with 'kol_' so that KOL tables never mix with another project's — rename it kol_${layer}`,
      );
    }
    const bucket = c.lake.buckets[layer];
    if (!bucket.startsWith('kol-')) {
      issues.add(
        'config.domain_separation',
        `lake.buckets.${layer}`,
        `bucket '${bucket}' must start with 'kol-' (domain separation) — rename it kol-${layer}`,
      );
    }
  }
  if (!c.mlflow.experimentPrefix.startsWith('KOL_')) {
    issues.add(
      'config.domain_separation',
      'mlflow.experimentPrefix',
      `experiment prefix '${c.mlflow.experimentPrefix}' must start with 'KOL_' (domain separation) — use KOL_`,
    );
  }
  try {
    const db = new URL(c.postgres.url).pathname.replace(/^\//, '');
    if (db && !db.startsWith('kol_')) {
      issues.add(
        'config.domain_separation',
        'postgres.url',
        `database '${db}' must start with 'kol_' (domain separation) — point DATABASE_URL at kol_metadata`,
      );
    }
  } catch {
    // reported by checkUrl
  }
  const needsS3 = c.profile === 'cluster' || c.lake.warehouse.startsWith('s3');
  if (needsS3 && !allowMissingSecrets) {
    if (!c.s3.accessKeyId) {
      issues.add(
        'config.missing_secret',
        's3.accessKeyId',
        "no S3 access key — set AWS_ACCESS_KEY_ID (or s3.accessKeyId in kol.config.json), or run 'kol-sdk services up' to create development credentials",
      );
    }
    if (!c.s3.secretAccessKey) {
      issues.add(
        'config.missing_secret',
        's3.secretAccessKey',
        "no S3 secret key — set AWS_SECRET_ACCESS_KEY (or s3.secretAccessKey in kol.config.json), or run 'kol-sdk services up' to create development credentials",
      );
    }
  }
  if (c.mlflow.username !== undefined && c.mlflow.password === undefined) {
    issues.add('config.missing_secret', 'mlflow.password', 'MLFLOW_TRACKING_USERNAME is set without MLFLOW_TRACKING_PASSWORD — set both');
  }
}

function deepFreeze<T>(x: T): T {
  if (typeof x === 'object' && x !== null) {
    for (const value of Object.values(x)) deepFreeze(value);
    Object.freeze(x);
  }
  return x;
}
