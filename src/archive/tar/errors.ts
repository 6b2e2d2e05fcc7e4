// The errors the tar codec raises: malformed input is INVALID_ARGUMENT, truncated input is DATA_LOSS.

import { BerthError } from '../../errors.js';

export function badHeader(offset: number, why: string): BerthError {
  return new BerthError('INVALID_ARGUMENT', `invalid tar header at offset ${offset}: ${why}`);
}

export function unexpectedEOF(): BerthError {
  return new BerthError('DATA_LOSS', 'unexpected EOF in tar archive');
}
