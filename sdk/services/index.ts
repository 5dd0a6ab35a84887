/**
 * The development servers, installed and run without Docker: Kafka, MLflow, MinIO, the Iceberg REST
 * catalog, Trino, PostgreSQL and Redis, each on 127.0.0.1 with its data, log and pid file under
 * `.kol/services/<name>` and its install cached under `~/.cache/kol-sdk/<name>` (`KOL_CACHE_DIR`).
 * `infra/docker-compose.yml` is the same set for machines that have Docker.
 */

// The configuration and context the servers run with; development credentials.
export { awsEnv, devServicesConfig, serviceContext, servicePaths } from './context.ts';
export { icebergRest } from './iceberg-rest.ts';
// Building blocks, for a new service module.
export { cachedInstall, runCommand, which } from './install.ts';
export { findJava, type JavaHome } from './java.ts';
export { kafka } from './kafka.ts';
// Start, stop and inspect (what `kol-sdk services up|down|status` calls).
export { type DownResult, type ServicesOptions, servicesDown, servicesStatus, servicesUp, type UpResult } from './manager.ts';
export { minio } from './minio.ts';
export { mlflow } from './mlflow.ts';
export { parseServiceNames, withDependencies } from './order.ts';
export { postgres } from './postgres.ts';
export { rssOfTree, stopByPidFile, waitUntil } from './process.ts';
export { redis } from './redis.ts';
// The services themselves, and their order.
export { SERVICES } from './registry.ts';
export { type DevSecretsResult, ensureDevSecrets } from './secrets.ts';
export { trino, trinoQuery } from './trino.ts';
export { SERVICE_NAMES, type ServiceContext, type ServiceDefinition, type ServiceName, type ServiceStatus } from './types.ts';
