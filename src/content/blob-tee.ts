// A pass-through stream that also writes every chunk into a blob writer: one read of the source both stores the
// bytes as received and feeds whatever consumes them next (decompression, hashing, unpacking).

import { Transform, type TransformCallback } from 'node:stream';
import type { BlobWriter } from './store.js';

export class BlobTee extends Transform {
  constructor(private readonly writer: BlobWriter) {
    super({ highWaterMark: 1 << 20 });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.writer.write(chunk).then(() => cb(null, chunk), cb);
  }
}
