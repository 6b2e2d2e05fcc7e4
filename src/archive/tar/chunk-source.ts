// Pulls an input Readable chunk by chunk (no copies, pausing it when enough is queued) and hands bytes to the tar
// reader: exact counts for headers and metadata, as-much-as-buffered slices for entry bodies, or skips.

import type { Readable } from 'node:stream';
import { unexpectedEOF } from './errors.js';

const EMPTY: Buffer = Buffer.alloc(0);
const QUEUE_BYTES = 4 << 20;

export class ChunkSource {
  /** Bytes of the input handed out or skipped so far. */
  position = 0;
  private buf: Buffer = EMPTY;
  private pos = 0;
  private readonly queue: Buffer[] = [];
  private queued = 0;
  private ended = false;
  private error: Error | null = null;
  private waiter: (() => void) | null = null;

  constructor(private readonly input: Readable) {
    input.on('data', this.onData);
    input.on('end', this.onEnd);
    input.on('error', this.onError);
    input.on('close', this.onClose);
    if (input.readableEnded) this.ended = true;
    else if (input.destroyed) this.error = input.errored ?? unexpectedEOF();
  }

  private readonly onData = (chunk: Buffer | string | Uint8Array): void => {
    const b = Buffer.isBuffer(chunk)
      ? chunk
      : typeof chunk === 'string'
        ? Buffer.from(chunk, 'latin1')
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (b.length === 0) return;
    this.queue.push(b);
    this.queued += b.length;
    if (this.queued >= QUEUE_BYTES) this.input.pause();
    this.wake();
  };
  private readonly onEnd = (): void => {
    this.ended = true;
    this.wake();
  };
  private readonly onError = (err: Error): void => {
    this.error ??= err;
    this.wake();
  };
  private readonly onClose = (): void => {
    if (!this.ended) this.error ??= unexpectedEOF();
    this.wake();
  };

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  /** Bytes buffered and ready for `take`. */
  available(): number {
    return this.buf.length - this.pos;
  }

  /** Makes bytes available; false at the end of the input. Rethrows the input's error. */
  async fill(): Promise<boolean> {
    while (this.available() === 0) {
      const next = this.queue.shift();
      if (next) {
        this.queued -= next.length;
        this.buf = next;
        this.pos = 0;
        if (this.queued < QUEUE_BYTES && this.input.isPaused() && !this.ended) this.input.resume();
        return true;
      }
      if (this.error) throw this.error;
      if (this.ended) return false;
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
        if (this.input.isPaused()) this.input.resume();
      });
    }
    return true;
  }

  /** Up to `max` buffered bytes as a view (call after `fill`). */
  take(max: number): Buffer {
    const n = Math.min(max, this.buf.length - this.pos);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    this.position += n;
    return out;
  }

  /** Discards up to `n` buffered bytes without waiting; returns how many are left to skip. */
  skipBuffered(n: number): number {
    return n - this.take(n).length;
  }

  /** Exactly `n` bytes (a view when they are in one chunk), null at a clean EOF before the first byte. */
  async read(n: number): Promise<Buffer | null> {
    if (!(await this.fill())) return null;
    if (this.available() >= n) return this.take(n);
    const out = Buffer.allocUnsafe(n);
    let got = 0;
    while (got < n) {
      if (!(await this.fill())) throw unexpectedEOF();
      const part = this.take(n - got);
      part.copy(out, got);
      got += part.length;
    }
    return out;
  }

  /** Discards exactly `n` bytes. */
  async skip(n: number): Promise<void> {
    let left = n;
    while (left > 0) {
      if (!(await this.fill())) throw unexpectedEOF();
      left -= this.take(left).length;
    }
  }

  /** Reads and discards everything up to the end of the input. */
  async drain(): Promise<void> {
    while (await this.fill()) this.take(Infinity);
  }

  /** Stops listening; `destroyInput` also destroys the input (the consumer gave up early). */
  close(destroyInput: boolean): void {
    this.input.off('data', this.onData);
    this.input.off('end', this.onEnd);
    this.input.off('error', this.onError);
    this.input.off('close', this.onClose);
    this.error ??= new Error('tar reader closed');
    this.wake();
    if (destroyInput && !this.input.destroyed) this.input.destroy();
  }
}
