// A pass-through stream that also writes every chunk into a blob writer: one read of the source both stores the
// bytes as received and feeds whatever consumes them next (decompression, hashing, unpacking).

import { Transform, type TransformCallback } from 'node:stream';
import type { BlobWriter } from './store.js';

export class BlobTee extends Transform {
  /** `onChunk`: told the size of every chunk as it passes (writeback pacing). */
  constructor(
    private readonly writer: BlobWriter,
    private readonly onChunk?: (bytes: number) => void,
  ) {
    super({ highWaterMark: 1 << 20 });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.onChunk?.(chunk.length);
    this.writer.write(chunk).then(() => cb(null, chunk), cb);
  }
}
