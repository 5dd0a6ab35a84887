import type { ProfileOverrides } from './file-schema.ts';

/**
 * The conventional environment variables kol-sdk honours, and where each lands in the config.
 * They override `kol.config.json`, so that secrets can live in the environment only.
 */
export const ENV_VARS = {
  KOL_PROFILE: 'profile',
  KOL_HOME: 'home',
  MLFLOW_TRACKING_URI: 'mlflow.trackingUri',
  MLFLOW_TRACKING_TOKEN: 'mlflow.token',
  MLFLOW_TRACKING_USERNAME: 'mlflow.username',
  MLFLOW_TRACKING_PASSWORD: 'mlflow.password',
  AWS_ACCESS_KEY_ID: 's3.accessKeyId',
  AWS_SECRET_ACCESS_KEY: 's3.secretAccessKey',
  AWS_REGION: 's3.region',
  AWS_ENDPOINT_URL_S3: 's3.endpoint',
  KAFKA_BROKERS: 'kafka.brokers',
  TRINO_SERVER: 'trino.server',
  TRINO_USER: 'trino.user',
  TRINO_PASSWORD: 'trino.password',
  ICEBERG_REST_URI: 'lake.catalogUri',
  ICEBERG_REST_TOKEN: 'lake.catalogAuth.token',
  REDIS_URL: 'redis.url',
  DATABASE_URL: 'postgres.url',
  KOL_EVENTS_DIR: 'events.dir',
} as const;

type Env = Readonly<Record<string, string | undefined>>;

/** The overrides the environment gives, as a partial profile (empty strings count as unset). */
export function overridesFromEnv(env: Env): ProfileOverrides {
  const get = (k: keyof typeof ENV_VARS): string | undefined => {
    const value = env[k];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const o: Record<string, Record<string, unknown>> = {};
  const put = (section: string, key: string, value: unknown): void => {
    if (value === undefined) return;
    o[section] ??= {};
    (o[section] as Record<string, unknown>)[key] = value;
  };
  put('mlflow', 'trackingUri', get('MLFLOW_TRACKING_URI'));
  put('mlflow', 'token', get('MLFLOW_TRACKING_TOKEN'));
  put('mlflow', 'username', get('MLFLOW_TRACKING_USERNAME'));
  put('mlflow', 'password', get('MLFLOW_TRACKING_PASSWORD'));
  put('s3', 'accessKeyId', get('AWS_ACCESS_KEY_ID'));
  put('s3', 'secretAccessKey', get('AWS_SECRET_ACCESS_KEY'));
  put('s3', 'region', get('AWS_REGION'));
  put('s3', 'endpoint', get('AWS_ENDPOINT_URL_S3'));
  put('kafka', 'brokers', get('KAFKA_BROKERS'));
  put('trino', 'server', get('TRINO_SERVER'));
  put('trino', 'user', get('TRINO_USER'));
  put('trino', 'password', get('TRINO_PASSWORD'));
  put('lake', 'catalogUri', get('ICEBERG_REST_URI'));
  const token = get('ICEBERG_REST_TOKEN');
  if (token !== undefined) put('lake', 'catalogAuth', { type: 'bearer', token });
  put('redis', 'url', get('REDIS_URL'));
  put('postgres', 'url', get('DATABASE_URL'));
  put('events', 'dir', get('KOL_EVENTS_DIR'));
  const result: Record<string, unknown> = { ...o };
  const home = get('KOL_HOME');
  if (home !== undefined) result.home = home;
  return result as ProfileOverrides;
}
