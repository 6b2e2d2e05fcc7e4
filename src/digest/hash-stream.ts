// Transforms that hash bytes as they pass: a plain counter+hasher, and a verifier that fails at EOF on a mismatch.

import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { DigestMismatchError, BerthError } from '../errors.js';
import type { Digest } from './digest.js';
import { OffloadedSha256 } from './offload.js';

export interface HashStreamOptions {
  /** Hash on the worker thread (digest/offload.ts): for streams of megabytes, whose hashing would hold up the main thread. */
  offload?: boolean;
}

export class HashStream extends Transform {
  private readonly hash: Hash | null;
  private readonly offloaded: OffloadedSha256 | null;
  size = 0;
  private result: Digest | undefined;

  constructor(opts: HashStreamOptions = {}) {
    super();
    this.offloaded = opts.offload ? new OffloadedSha256() : null;
    this.hash = this.offloaded ? null : createHash('sha256');
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.size += chunk.length;
    if (this.hash) {
      this.hash.update(chunk);
      cb(null, chunk);
      return;
    }
    this.offloaded!.update(chunk).then(() => cb(null, chunk), cb);
  }

  override _flush(cb: TransformCallback): void {
    if (!this.offloaded) {
      cb();
      return;
    }
    this.offloaded.hex().then((hex) => {
      this.result = `sha256:${hex}`;
      cb();
    }, cb);
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    this.offloaded?.abandon();
    cb(err);
  }

  /** The digest of everything that passed; only valid after the stream ended. */
  digest(): Digest {
    if (this.result === undefined) {
      if (!this.hash) throw new BerthError('INTERNAL', 'hash stream: digest asked before the stream ended');
      this.result = `sha256:${this.hash.digest('hex')}`;
    }
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
    super._flush((err) => {
      if (err) return cb(err);
      const got = this.digest();
      if (got !== this.expected) cb(new DigestMismatchError(this.expected, got, this.what));
      else cb();
    });
  }
}
