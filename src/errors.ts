// BerthError: every failure berth reports carries one code from a closed set; the CLI maps codes to exit codes.
// Messages use Docker's wording where Docker has one.

export type ErrorCode =
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'CONFLICT'
  | 'INVALID_ARGUMENT'
  | 'FAILED_PRECONDITION'
  | 'UNAVAILABLE'
  | 'DATA_LOSS'
  | 'UNAUTHENTICATED'
  | 'DENIED'
  | 'INTERNAL';

export class BerthError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'BerthError';
  }
}

/** A stream's content did not hash to the digest it was promised to have. */
export class DigestMismatchError extends BerthError {
  constructor(
    readonly want: string,
    readonly got: string,
    what = 'content',
  ) {
    super('DATA_LOSS', `${what} digest mismatch: expected ${want}, got ${got}`);
  }
}

/**
 * A failure Docker's CLI finds itself, before it asks the daemon (an unreadable `--env-file`, a malformed `-e`): the
 * CLI reports it as `docker: <message>.` and its usage hint, not as a daemon response.
 */
export class ClientSideError extends BerthError {
  constructor(message: string) {
    super('INVALID_ARGUMENT', message);
  }
}

/** A flag's value its parser refuses (`invalid argument "x" for "--flag" flag: …`): cobra prints it bare, with a hint. */
export class FlagValueError extends ClientSideError {}

export const notFound = (message: string) => new BerthError('NOT_FOUND', message);
export const invalid = (message: string) => new BerthError('INVALID_ARGUMENT', message);
export const conflict = (message: string) => new BerthError('CONFLICT', message);

export function isBerthError(e: unknown, code?: ErrorCode): e is BerthError {
  return e instanceof BerthError && (code === undefined || e.code === code);
}
