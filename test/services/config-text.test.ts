import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../sdk/config/resolve.ts';
import { EMBEDDED_CATALOG_PORT } from '../../sdk/lake/index.ts';
import { icebergCatalogEnv } from '../../sdk/services/iceberg-rest.ts';
import { kafkaClusterId, kafkaServerProperties } from '../../sdk/services/kafka-config.ts';
import { classpathPom } from '../../sdk/services/maven.ts';
import { mlflowServerArgs } from '../../sdk/services/mlflow.ts';
import { postgresArgs } from '../../sdk/services/postgres.ts';
import { redisArgs } from '../../sdk/services/redis.ts';
import { TRINO_LOCAL_CATALOG, TRINO_PLUGINS, trinoEtc } from '../../sdk/services/trino-config.ts';

const SECRET = 'test-secret-value-0123456789';
const config = resolveConfig({
  cwd: '/tmp/kol-project',
  profile: 'cluster',
  env: { AWS_ACCESS_KEY_ID: 'test-access-id', AWS_SECRET_ACCESS_KEY: SECRET },
});

function properties(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || !line.includes('=')) continue;
    const at = line.indexOf('=');
    map.set(line.slice(0, at), line.slice(at + 1));
  }
  return map;
}

describe('kafka server.properties', () => {
  const props = properties(kafkaServerProperties({ logDir: '/data/kafka' }));

  it('is a one-node KRaft cluster on loopback', () => {
    expect(props.get('process.roles')).toBe('broker,controller');
    expect(props.get('controller.quorum.voters')).toBe('1@127.0.0.1:9093');
    expect(props.get('listeners')).toBe('PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093');
    expect(props.get('advertised.listeners')).toBe('PLAINTEXT://127.0.0.1:9092');
    expect(props.get('log.dirs')).toBe('/data/kafka');
  });

  it('gives every internal topic replication factor 1 so that transactions and groups work on one node', () => {
    for (const key of [
      'offsets.topic.replication.factor',
      'transaction.state.log.replication.factor',
      'transaction.state.log.min.isr',
      'share.coordinator.state.topic.replication.factor',
      'share.coordinator.state.topic.min.isr',
    ]) {
      expect(props.get(key), key).toBe('1');
    }
  });

  it('makes cluster ids the way Kafka does: 22 URL-safe characters, never a leading dash', () => {
    for (let i = 0; i < 200; i++) expect(kafkaClusterId()).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
  });
});

describe('trino etc/', () => {
  const etc = trinoEtc({ config, dataDir: '/run/trino/data', pluginDir: '/cache/trino/476/plugins' });

  it('binds the HTTP server and the announced address to loopback', () => {
    const node = properties(etc.files['node.properties'] ?? '');
    expect(node.get('node.bind-ip')).toBe('127.0.0.1');
    expect(node.get('node.internal-address')).toBe('127.0.0.1');
    const server = properties(etc.files['config.properties'] ?? '');
    expect(server.get('http-server.http.port')).toBe('8080');
    expect(server.get('discovery.uri')).toBe('http://127.0.0.1:8080');
    expect(server.get('plugin.dir')).toBe('/cache/trino/476/plugins');
  });

  it('sizes the heap for a shared 2-core machine and keeps the memory limits inside it', () => {
    expect(etc.files['jvm.config']).toContain('-Xmx2G');
    expect(properties(etc.files['config.properties'] ?? '').get('query.max-memory-per-node')).toBe('1GB');
  });

  it('puts an iceberg catalog on the REST catalog with native S3 on MinIO, keys by ENV references only', () => {
    const catalog = properties(etc.files['catalog/iceberg.properties'] ?? '');
    expect(catalog.get('connector.name')).toBe('iceberg');
    expect(catalog.get('iceberg.catalog.type')).toBe('rest');
    expect(catalog.get('iceberg.rest-catalog.uri')).toBe('http://127.0.0.1:8181');
    expect(catalog.get('fs.native-s3.enabled')).toBe('true');
    expect(catalog.get('s3.endpoint')).toBe('http://127.0.0.1:9000');
    expect(catalog.get('s3.path-style-access')).toBe('true');
    expect(catalog.get('s3.aws-secret-key')).toBe(`$\{ENV:AWS_SECRET_ACCESS_KEY}`);
    for (const text of Object.values(etc.files)) expect(text).not.toContain(SECRET);
    expect(TRINO_PLUGINS).toContain('iceberg');
  });

  it("adds a 'lake' catalog on the embedded catalog's fixed port, over local files mapped from the root", () => {
    expect(TRINO_LOCAL_CATALOG).toBe('lake');
    const lake = properties(etc.files['catalog/lake.properties'] ?? '');
    expect(lake.get('connector.name')).toBe('iceberg');
    expect(lake.get('iceberg.catalog.type')).toBe('rest');
    expect(lake.get('iceberg.rest-catalog.uri')).toBe(`http://127.0.0.1:${EMBEDDED_CATALOG_PORT}`);
    expect(lake.get('fs.native-local.enabled')).toBe('true');
    expect(lake.get('local.location')).toBe('/');
    expect(lake.has('fs.native-s3.enabled')).toBe(false);
    expect(Object.keys(etc.files).filter((f) => f.startsWith('catalog/'))).toEqual([
      'catalog/iceberg.properties',
      'catalog/lake.properties',
    ]);
  });

  it('refuses a cluster catalog named like the local one, naming the setting to change', () => {
    const clash = { ...config, trino: { ...config.trino, catalog: 'lake' } };
    expect(() => trinoEtc({ config: clash, dataDir: '/d', pluginDir: '/p' })).toThrow(/trino\.catalog of the cluster profile/);
  });
});

describe('server command lines and environments', () => {
  it('binds every server to 127.0.0.1', () => {
    expect(redisArgs('/run/redis')).toEqual(expect.arrayContaining(['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']));
    expect(postgresArgs('/d', '/s')).toContain('listen_addresses=127.0.0.1');
    const mlflow = mlflowServerArgs('/run/mlflow');
    expect(mlflow.slice(mlflow.indexOf('--host'), mlflow.indexOf('--host') + 2)).toEqual(['--host', '127.0.0.1']);
    expect(mlflow).toContain(`sqlite:///${join('/run/mlflow', 'mlflow.db')}`);
    expect(mlflow).toEqual(expect.arrayContaining(['--workers', '1', '--artifacts-destination']));
  });

  it('configures the REST catalog by CATALOG_* variables, with S3 keys left to AWS_* so it never vends or logs them', () => {
    const env = icebergCatalogEnv(config, '/run/iceberg-rest');
    expect(env).toMatchObject({
      CATALOG_URI: 'jdbc:sqlite:/run/iceberg-rest/catalog.db',
      CATALOG_CLIENTS: '1',
      CATALOG_WAREHOUSE: 's3://kol-gold/warehouse',
      CATALOG_IO__IMPL: 'org.apache.iceberg.aws.s3.S3FileIO',
      CATALOG_S3_ENDPOINT: 'http://127.0.0.1:9000',
      CATALOG_S3_PATH__STYLE__ACCESS: 'true',
      CATALOG_REST_HOST: '127.0.0.1',
      CATALOG_REST_PORT: '8181',
    });
    expect(Object.values(env).join('\n')).not.toContain(SECRET);
  });

  it('generates a pom whose only content is the requested classpath', () => {
    const pom = classpathPom('kafka', [{ groupId: 'org.apache.kafka', artifactId: 'kafka_2.13', version: '4.4.0' }]);
    expect(pom).toContain('<artifactId>kafka_2.13</artifactId>');
    expect(pom).toContain('<packaging>pom</packaging>');
    expect(pom).not.toMatch(/https?:\/\//);
  });
});
