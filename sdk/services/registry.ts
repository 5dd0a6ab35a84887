import { icebergRest } from './iceberg-rest.ts';
import { kafka } from './kafka.ts';
import { minio } from './minio.ts';
import { mlflow } from './mlflow.ts';
import { postgres } from './postgres.ts';
import { redis } from './redis.ts';
import { trino } from './trino.ts';
import type { ServiceDefinition, ServiceName } from './types.ts';

/** Every development server by name. */
export const SERVICES: Readonly<Record<ServiceName, ServiceDefinition>> = {
  postgres,
  redis,
  minio,
  'iceberg-rest': icebergRest,
  kafka,
  mlflow,
  trino,
};
