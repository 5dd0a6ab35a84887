/** The two ways to run kol-sdk: everything in-process (`local`) or against real servers (`cluster`). */
export type ProfileName = 'local' | 'cluster';
export const PROFILE_NAMES: readonly ProfileName[] = ['local', 'cluster'];

/** How the SDK authenticates to an Iceberg REST catalog. */
export type CatalogAuth =
  | { readonly type: 'none' }
  | { readonly type: 'bearer'; readonly token: string }
  | {
      readonly type: 'oauth2';
      readonly clientId: string;
      readonly clientSecret: string;
      readonly tokenUri?: string;
      readonly scope?: string;
    };

/** The three lake layers; each has its own bucket and catalog namespace (domain separation). */
export type Layer = 'bronze' | 'silver' | 'gold';

/**
 * The resolved configuration of one profile: every path absolute, every default filled in.
 * Produced by {@link resolveConfig}; never constructed by hand in application code.
 */
export interface KolConfig {
  readonly profile: ProfileName;
  /** Absolute path of the project's working folder (`./.kol`): warehouse, tracking store, service state. */
  readonly home: string;
  /** Where the resolved values came from, per top-level section (for `config show`). */
  readonly sources: readonly string[];
  readonly duckdb: {
    /** `:memory:` or a database file. */
    readonly database: string;
    /** Cached folder holding the iceberg/httpfs/avro extensions. */
    readonly extensionDirectory: string;
  };
  readonly lake: {
    /** Catalog warehouse: `file:///…/.kol/warehouse` locally, `s3://…` on the cluster. */
    readonly warehouse: string;
    /** `embedded` (served in-process by the SDK) or the URI of an Iceberg REST catalog. */
    readonly catalogUri: string;
    readonly catalogAuth: CatalogAuth;
    readonly namespaces: Readonly<Record<Layer, string>>;
    readonly buckets: Readonly<Record<Layer, string>>;
  };
  readonly s3: {
    /** Unset means AWS itself; set for MinIO and other S3-compatible stores. */
    readonly endpoint: string | undefined;
    readonly region: string;
    readonly accessKeyId: string | undefined;
    readonly secretAccessKey: string | undefined;
    readonly forcePathStyle: boolean;
  };
  readonly trino: {
    readonly server: string;
    readonly catalog: string;
    readonly user: string;
    readonly password: string | undefined;
  };
  readonly mlflow: {
    /** `file:///…/.kol/mlruns` (local tracking store) or an `http(s)://` MLflow server. */
    readonly trackingUri: string;
    readonly token: string | undefined;
    readonly username: string | undefined;
    readonly password: string | undefined;
    /** Every experiment the SDK creates is named with this prefix (domain separation). */
    readonly experimentPrefix: string;
  };
  readonly kafka: {
    readonly brokers: readonly string[];
    readonly clientId: string;
  };
  readonly redis: { readonly url: string };
  readonly postgres: { readonly url: string };
  readonly events: {
    /** `files`: events replayed from generated files; `kafka`: consumed from the brokers. */
    readonly source: 'files' | 'kafka';
    readonly dir: string;
  };
  readonly services: {
    /** Per-project state of the development servers: data, logs, pid files. */
    readonly runDir: string;
    /** Shared, cached installs of the development servers (`~/.cache/kol-sdk`). */
    readonly cacheDir: string;
  };
}

/** Paths in {@link KolConfig} that hold secrets: redacted wherever the config is shown. */
export const SECRET_PATHS: readonly string[] = [
  's3.secretAccessKey',
  'trino.password',
  'mlflow.token',
  'mlflow.password',
  'lake.catalogAuth.token',
  'lake.catalogAuth.clientSecret',
];

/** Paths that hold URLs which may embed a password (`redis://:pw@host`, `postgres://u:pw@host/db`). */
export const URL_PATHS: readonly string[] = ['redis.url', 'postgres.url', 'mlflow.trackingUri', 'lake.catalogUri', 'trino.server'];
