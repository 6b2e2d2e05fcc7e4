// A blob's bytes on their way from a source to a destination, hashed as they pass: the stream fails at its end
// when they do not match the descriptor, and if the destination gives up earlier (a corrupt gzip stream, say),
// settle() reads the rest to tell a transfer that delivered wrong bytes from a destination problem.

import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { BerthError } from '../errors.js';
import type { Digest } from '../digest/digest.js';
import type { Descriptor } from '../oci/types.js';

/** The bytes received were not the blob the manifest named (Docker's wording). */
export class BlobVerificationError extends BerthError {
  constructor(readonly digest: Digest) {
    super('DATA_LOSS', `filesystem layer verification failed for digest ${digest}`);
    this.name = 'BlobVerificationError';
  }
}

export interface VerifiedRead {
  stream: Readable;
  /**
   * After the destination finished or failed: resolves when the source delivered exactly the blob, throws
   * BlobVerificationError when it did not, and rethrows `destError` otherwise.
   */
  settle(destError?: unknown): Promise<void>;
}

export function verifiedRead(source: Readable, desc: Descriptor, opts: { onBytes?: (n: number) => void; onEnd?: () => void } = {}): VerifiedRead {
  const it = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const hash = createHash('sha256');
  let size = 0;
  let ended = false;
  let sourceError: unknown = null;
  let verdict: boolean | null = null;

  const verify = (): boolean => {
    verdict ??= size === desc.size && `sha256:${hash.digest('hex')}` === desc.digest;
    return verdict;
  };
  const take = (chunk: Buffer): boolean => {
    size += chunk.length;
    if (size > desc.size) return false;
    hash.update(chunk);
    return true;
  };

  const stream = new Readable({
    highWaterMark: 1 << 20,
    read() {
      it.next().then(
        ({ done, value }) => {
          if (done) {
            ended = true;
            if (!verify()) return this.destroy(new BlobVerificationError(desc.digest));
            opts.onEnd?.();
            this.push(null);
            return;
          }
          if (!take(value)) {
            ended = true;
            verdict = false;
            return this.destroy(new BlobVerificationError(desc.digest));
          }
          opts.onBytes?.(value.length);
          this.push(value);
        },
        (e) => {
          ended = true;
          sourceError = e;
          this.destroy(e);
        },
      );
    },
  });

  /** Reads what the destination left unread (nothing, for one that read to the end) into the hash. */
  const drain = async (): Promise<void> => {
    while (!ended) {
      const { done, value } = await it.next();
      if (done) ended = true;
      else if (!take(value)) {
        ended = true;
        verdict = false;
      }
    }
  };

  return {
    stream,
    async settle(destError?: unknown): Promise<void> {
      try {
        if (destError instanceof BlobVerificationError) throw destError;
        if (sourceError !== null) throw sourceError;
        try {
          await drain();
        } catch (e) {
          throw destError ?? e;
        }
        if (!verify()) throw new BlobVerificationError(desc.digest);
        if (destError !== undefined) throw destError;
      } finally {
        source.destroy();
      }
    },
  };
}
