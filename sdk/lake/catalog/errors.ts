/** The error types of the Iceberg REST catalog spec, each with the HTTP status it is sent with. */
export type CatalogErrorType =
  | 'BadRequestException'
  | 'IllegalArgumentException'
  | 'NotAuthorizedException'
  | 'NoSuchNamespaceException'
  | 'NoSuchTableException'
  | 'NoSuchViewException'
  | 'AlreadyExistsException'
  | 'NamespaceNotEmptyException'
  | 'CommitFailedException'
  | 'UnprocessableEntityException'
  | 'NotFoundException'
  | 'MethodNotAllowedException'
  | 'ServerErrorException';

const STATUS: Record<CatalogErrorType, number> = {
  BadRequestException: 400,
  IllegalArgumentException: 400,
  NotAuthorizedException: 401,
  NoSuchNamespaceException: 404,
  NoSuchTableException: 404,
  NoSuchViewException: 404,
  NotFoundException: 404,
  MethodNotAllowedException: 405,
  AlreadyExistsException: 409,
  NamespaceNotEmptyException: 409,
  CommitFailedException: 409,
  UnprocessableEntityException: 422,
  ServerErrorException: 500,
};

/**
 * A failure the catalog reports to its client as `{"error": {"message", "type", "code"}}`.
 *
 * @example
 * throw new CatalogError('NoSuchTableException', 'Table does not exist: kol_gold.scores');
 */
export class CatalogError extends Error {
  readonly type: CatalogErrorType;
  readonly code: number;

  constructor(type: CatalogErrorType, message: string) {
    super(message);
    this.name = 'CatalogError';
    this.type = type;
    this.code = STATUS[type];
  }

  toJSON(): { error: { message: string; type: string; code: number } } {
    return { error: { message: this.message, type: this.type, code: this.code } };
  }
}

/** A malformed request: 400. */
export const badRequest = (message: string): CatalogError => new CatalogError('BadRequestException', message);

/** A requirement of a commit did not hold: 409, and the client should refresh and retry. */
export const commitFailed = (message: string): CatalogError => new CatalogError('CommitFailedException', message);

/**
 * Throws a 400 unless `condition` holds. Typed `IllegalArgumentException` (not `BadRequestException`, which
 * means malformed): the reference client turns that type back into an invalid-argument error for its caller.
 */
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CatalogError('IllegalArgumentException', message);
}
