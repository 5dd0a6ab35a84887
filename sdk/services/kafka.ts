import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serverEnv, servicePaths } from './context.ts';
import { cachedInstall, runCommand } from './install.ts';
import { findJava } from './java.ts';
import { KAFKA_PORT, KAFKA_VERSION, kafkaClusterId, kafkaLog4j2Properties, kafkaServerProperties, LOG4J_VERSION } from './kafka-config.ts';
import { mavenClasspath } from './maven.ts';
import { LOOPBACK, PROBE_TIMEOUT_MS } from './net.ts';
import { halt, launch } from './server.ts';
import type { ServiceContext, ServiceDefinition } from './types.ts';

const HEAP = '-Xmx512m';

function libDir(ctx: ServiceContext): string {
  return join(ctx.cacheDir, KAFKA_VERSION, 'lib');
}

function java(ctx: ServiceContext, mainClass: string, args: string[]): { command: string; args: string[] } {
  const jdk = findJava({ minMajor: 17, purpose: `Kafka ${KAFKA_VERSION}` });
  return {
    command: jdk.java,
    args: [
      '-Xms512m',
      HEAP,
      '-XX:+UseG1GC',
      '-Djava.awt.headless=true',
      // Kafka's buffer unmapper uses sun.misc.Unsafe; JDK 23+ warns at every start unless it is allowed.
      ...(jdk.major >= 23 ? ['--sun-misc-unsafe-memory-access=allow'] : []),
      `-Dlog4j2.configurationFile=${join(ctx.runDir, 'log4j2.properties')}`,
      '-cp',
      `${libDir(ctx)}/*`,
      mainClass,
      ...args,
    ],
  };
}

/** Kafka 4.x in KRaft mode, one node (broker + controller), from Maven jars; no Docker, no tarball. */
export const kafka: ServiceDefinition = {
  name: 'kafka',
  description: 'Apache Kafka (KRaft, one node), the event bus',
  version: KAFKA_VERSION,
  port: KAFKA_PORT,
  dependsOn: [],
  async install(ctx) {
    const dir = join(ctx.cacheDir, KAFKA_VERSION);
    const fetched = await cachedInstall(dir, `kafka ${KAFKA_VERSION} log4j-slf4j-impl ${LOG4J_VERSION}`, async () => {
      ctx.log(`fetching Kafka ${KAFKA_VERSION} jars with Maven`);
      await mavenClasspath(
        'kafka',
        [
          { groupId: 'org.apache.kafka', artifactId: 'kafka_2.13', version: KAFKA_VERSION },
          { groupId: 'org.apache.kafka', artifactId: 'kafka-tools', version: KAFKA_VERSION },
          { groupId: 'org.apache.logging.log4j', artifactId: 'log4j-core', version: LOG4J_VERSION },
          // Kafka pins slf4j-api 1.7, which ignores the slf4j2 binding and logs nothing; this is the 1.x binding.
          { groupId: 'org.apache.logging.log4j', artifactId: 'log4j-slf4j-impl', version: LOG4J_VERSION },
        ],
        dir,
        servicePaths(ctx, 'kafka').installLog,
      );
    });
    if (fetched) ctx.log(`installed into ${dir}`);
  },
  async start(ctx) {
    const dataDir = join(ctx.runDir, 'data');
    const propsFile = join(ctx.runDir, 'server.properties');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(propsFile, kafkaServerProperties({ logDir: dataDir, host: LOOPBACK }));
    writeFileSync(join(ctx.runDir, 'log4j2.properties'), kafkaLog4j2Properties());
    const { logFile } = servicePaths(ctx, 'kafka');
    if (!existsSync(join(dataDir, 'meta.properties'))) {
      ctx.log('formatting storage');
      const format = java(ctx, 'kafka.tools.StorageTool', ['format', '-t', kafkaClusterId(), '-c', propsFile, '--ignore-formatted']);
      await runCommand(format.command, format.args, { cwd: ctx.runDir, env: serverEnv(), logFile, timeoutMs: 120_000 });
    }
    const server = java(ctx, 'kafka.Kafka', [propsFile]);
    await launch(ctx, 'kafka', { ...server, env: serverEnv() }, () => kafka.ready(ctx), { timeoutMs: 90_000, intervalMs: 500 });
  },
  async ready() {
    const { Kafka, logLevel } = await import('kafkajs');
    const admin = new Kafka({
      clientId: 'kol-sdk-services',
      brokers: [`${LOOPBACK}:${KAFKA_PORT}`],
      logLevel: logLevel.NOTHING,
      connectionTimeout: 1000,
      requestTimeout: PROBE_TIMEOUT_MS,
      retry: { retries: 0 },
    }).admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      return cluster.brokers.length > 0 && cluster.controller !== null;
    } catch {
      return false;
    } finally {
      await admin.disconnect().catch(() => {});
    }
  },
  async stop(ctx) {
    // A controlled shutdown moves nothing on one node, but lets the log flush cleanly.
    await halt(ctx, 'kafka', { graceMs: 30_000 });
  },
};
