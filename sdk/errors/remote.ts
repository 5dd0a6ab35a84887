/**
 * A failure reported by, or on the way to, a remote service (Kafka, MLflow, Trino, S3, the Iceberg catalog...).
 * Callers decide on retries from `retriable`; humans read `message`, which names the service and the fix.
 *
 * @example
 * throw new RemoteError('mlflow', 'experiment KOL_trust not found', {
 *   status: 404, remoteCode: 'RESOURCE_DOES_NOT_EXIST', retriable: false,
 * });
 */
export class RemoteError extends Error {
  readonly service: string;
  readonly retriable: boolean;
  readonly status: number | undefined;
  readonly remoteCode: string | undefined;

  constructor(
    service: string,
    message: string,
    options: { retriable?: boolean; status?: number; remoteCode?: string; cause?: unknown } = {},
  ) {
    super(`${service}: ${message}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RemoteError';
    this.service = service;
    this.retriable = options.retriable ?? false;
    this.status = options.status;
    this.remoteCode = options.remoteCode;
  }
}
