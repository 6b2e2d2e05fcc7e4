// Transforms that hash bytes as they pass: a plain counter+hasher, and a verifier that fails at EOF on a mismatch.

import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { DigestMismatchError, BerthError } from '../errors.js';
import type { Digest } from './digest.js';

export class HashStream extends Transform {
  private readonly hash: Hash = createHash('sha256');
  size = 0;
  private result: Digest | undefined;

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.hash.update(chunk);
    this.size += chunk.length;
    cb(null, chunk);
  }

  /** The digest of everything that passed; only valid after the stream ended. */
  digest(): Digest {
    this.result ??= `sha256:${this.hash.digest('hex')}`;
    return this.result;
  }
}

/** Passes bytes through and errors at EOF unless they hash to `expected` (and, if given, have `size` bytes). */
export class VerifyStream extends HashStream {
  constructor(
    private readonly expected: Digest,
    private readonly expectedSize?: number,
    private readonly what = 'blob',
  ) {
    super();
  }

  override _transform(chunk: Buffer, enc: BufferEncoding, cb: TransformCallback): void {
    if (this.expectedSize !== undefined && this.size + chunk.length > this.expectedSize) {
      cb(new BerthError('DATA_LOSS', `${this.what} ${this.expected}: more than the expected ${this.expectedSize} bytes`));
      return;
    }
    super._transform(chunk, enc, cb);
  }

  override _flush(cb: TransformCallback): void {
    if (this.expectedSize !== undefined && this.size !== this.expectedSize) {
      cb(new BerthError('DATA_LOSS', `${this.what} ${this.expected}: expected ${this.expectedSize} bytes, got ${this.size}`));
      return;
    }
    const got = this.digest();
    if (got !== this.expected) cb(new DigestMismatchError(this.expected, got, this.what));
    else cb();
  }
}
