import { type Check, fail, pass, reason } from '../types.ts';

const upFix = (service: string, envVar: string) =>
  `start it with 'kol-sdk services up ${service}', or point ${envVar} at a reachable server`;

async function getJson(url: string, signal: AbortSignal, headers: Record<string, string> = {}): Promise<unknown> {
  const response = await fetch(url, { signal, headers });
  if (!response.ok) throw new Error(`HTTP ${response.status} from ${new URL(url).pathname}`);
  return response.json();
}

export const kafkaCheck: Check = {
  name: 'kafka',
  async run(config) {
    const { Kafka, logLevel } = await import('kafkajs');
    const kafka = new Kafka({
      clientId: `${config.kafka.clientId}-doctor`,
      brokers: [...config.kafka.brokers],
      logLevel: logLevel.NOTHING,
      connectionTimeout: 2000,
      requestTimeout: 3000,
      retry: { retries: 0 },
    });
    const admin = kafka.admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      return pass(`${cluster.brokers.length} broker(s) at ${config.kafka.brokers.join(',')}, controller ${cluster.controller}`);
    } catch (error) {
      return fail(`no Kafka broker at ${config.kafka.brokers.join(',')}: ${reason(error)}`, upFix('kafka', 'KAFKA_BROKERS'));
    } finally {
      await admin.disconnect().catch(() => {});
    }
  },
};

export const mlflowCheck: Check = {
  name: 'mlflow',
  async run(config, signal) {
    const base = config.mlflow.trackingUri.replace(/\/$/, '');
    const headers: Record<string, string> = {};
    if (config.mlflow.token) headers.authorization = `Bearer ${config.mlflow.token}`;
    else if (config.mlflow.username && config.mlflow.password) {
      headers.authorization = `Basic ${Buffer.from(`${config.mlflow.username}:${config.mlflow.password}`).toString('base64')}`;
    }
    try {
      const found = (await getJson(`${base}/api/2.0/mlflow/experiments/search?max_results=1`, signal, headers)) as {
        experiments?: unknown[];
      };
      const version = await fetch(`${base}/version`, { signal, headers }).then((r) => (r.ok ? r.text() : '?'));
      return pass(`MLflow ${version} at ${base} (${found.experiments?.length ?? 0}+ experiments)`);
    } catch (error) {
      return fail(`MLflow at ${base} does not answer: ${reason(error)}`, upFix('mlflow', 'MLFLOW_TRACKING_URI'));
    }
  },
};

export const s3Check: Check = {
  name: 's3',
  async run(config) {
    if (!config.s3.accessKeyId || !config.s3.secretAccessKey) {
      return fail('no S3 credentials configured', "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run 'kol-sdk services up'");
    }
    const { S3Client, ListBucketsCommand } = await import('@aws-sdk/client-s3');
    const client = new S3Client({
      region: config.s3.region,
      ...(config.s3.endpoint ? { endpoint: config.s3.endpoint } : {}),
      forcePathStyle: config.s3.forcePathStyle,
      credentials: { accessKeyId: config.s3.accessKeyId, secretAccessKey: config.s3.secretAccessKey },
      maxAttempts: 1,
      requestHandler: { connectionTimeout: 2000, requestTimeout: 4000 },
    });
    try {
      const listed = await client.send(new ListBucketsCommand({}));
      const names = new Set((listed.Buckets ?? []).map((b) => b.Name));
      const missing = Object.values(config.lake.buckets).filter((b) => !names.has(b));
      return missing.length === 0
        ? pass(`S3 at ${config.s3.endpoint ?? 'AWS'}: buckets ${Object.values(config.lake.buckets).join(', ')}`)
        : fail(`S3 answers but bucket(s) ${missing.join(', ')} are missing`, `create them, or run 'kol-sdk services up minio'`);
    } catch (error) {
      return fail(`S3 at ${config.s3.endpoint ?? 'AWS'} does not answer: ${reason(error)}`, upFix('minio', 'AWS_ENDPOINT_URL_S3'));
    } finally {
      client.destroy();
    }
  },
};

export const catalogCheck: Check = {
  name: 'iceberg-rest',
  async run(config, signal) {
    const base = config.lake.catalogUri.replace(/\/$/, '');
    const headers: Record<string, string> = {};
    if (config.lake.catalogAuth.type === 'bearer') headers.authorization = `Bearer ${config.lake.catalogAuth.token}`;
    try {
      const body = (await getJson(`${base}/v1/config`, signal, headers)) as { defaults?: Record<string, string> };
      return pass(`Iceberg REST catalog at ${base}${body.defaults?.warehouse ? `, warehouse ${body.defaults.warehouse}` : ''}`);
    } catch (error) {
      return fail(`Iceberg REST catalog at ${base} does not answer: ${reason(error)}`, upFix('iceberg-rest', 'ICEBERG_REST_URI'));
    }
  },
};

export const trinoCheck: Check = {
  name: 'trino',
  async run(config, signal) {
    const base = config.trino.server.replace(/\/$/, '');
    const headers: Record<string, string> = { 'X-Trino-User': config.trino.user };
    if (config.trino.password) {
      headers.authorization = `Basic ${Buffer.from(`${config.trino.user}:${config.trino.password}`).toString('base64')}`;
    }
    try {
      const info = (await getJson(`${base}/v1/info`, signal, headers)) as { nodeVersion?: { version?: string }; starting?: boolean };
      // /v1/info answers before the node can run queries, so a real query is the readiness test.
      let page = (await (
        await fetch(`${base}/v1/statement`, { method: 'POST', body: `SHOW SCHEMAS FROM ${config.trino.catalog}`, headers, signal })
      ).json()) as { nextUri?: string; data?: unknown[][]; error?: { message: string } };
      const schemas: string[] = [];
      while (true) {
        if (page.error) throw new Error(page.error.message);
        for (const row of page.data ?? []) schemas.push(String(row[0]));
        if (!page.nextUri) break;
        page = (await getJson(page.nextUri, signal, headers)) as typeof page;
      }
      const kol = schemas.filter((s) => s.startsWith('kol_'));
      return pass(
        `Trino ${info.nodeVersion?.version ?? '?'} at ${base}, catalog ${config.trino.catalog} (${schemas.length} schemas${kol.length ? `: ${kol.join(', ')}` : ''})`,
      );
    } catch (error) {
      return fail(`Trino at ${base} cannot run a query: ${reason(error)}`, upFix('trino', 'TRINO_SERVER'));
    }
  },
};

export const redisCheck: Check = {
  name: 'redis',
  async run(config) {
    const { createClient } = await import('redis');
    const client = createClient({ url: config.redis.url, socket: { connectTimeout: 2000, reconnectStrategy: false } });
    client.on('error', () => {});
    try {
      await client.connect();
      const pong = await client.ping();
      const info = await client.info('server');
      const version = /redis_version:(\S+)/.exec(info)?.[1] ?? '?';
      return pass(`Redis ${version} answered ${pong}`);
    } catch (error) {
      return fail(`Redis does not answer: ${reason(error)}`, upFix('redis', 'REDIS_URL'));
    } finally {
      await client.close().catch(() => {});
    }
  },
};

export const postgresCheck: Check = {
  name: 'postgres',
  async run(config) {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: config.postgres.url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      const result = await client.query<{ db: string; v: string }>('select current_database() as db, version() as v');
      const row = result.rows[0];
      return pass(`database ${row?.db} on ${row?.v.split(' on ')[0]}`);
    } catch (error) {
      return fail(`PostgreSQL does not answer: ${reason(error)}`, upFix('postgres', 'DATABASE_URL'));
    } finally {
      await client.end().catch(() => {});
    }
  },
};
