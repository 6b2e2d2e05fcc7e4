// The Readable behind TarEntry.body: it pulls exactly `size` bytes from the shared ChunkSource when read, and can be
// detached by the reader (which then skips what is left) when the consumer moved on without reading it.

import { Readable } from 'node:stream';
import type { ChunkSource } from './chunk-source.js';
import { unexpectedEOF } from './errors.js';

export class EntryBody extends Readable {
  /** Bytes still in the archive, not yet pushed into this stream. */
  remaining: number;
  /** Set by the reader once it takes the source back; later reads push nothing. */
  detached = false;
  /** Resolves when every byte was pushed, or the stream was destroyed, or the source failed. */
  readonly settled: Promise<void>;
  private settle!: () => void;
  private busy = false;
  private pumping: Promise<void> = Promise.resolve();

  constructor(
    private readonly source: ChunkSource,
    size: number,
    private readonly onFailure: (err: Error) => void,
  ) {
    super();
    this.remaining = size;
    this.settled = new Promise((resolve) => (this.settle = resolve));
  }

  override _read(): void {
    if (!this.busy) this.pumping = this.pump();
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    this.settle();
    cb(err);
  }

  /** Waits for an in-flight pull to finish so the reader can use the source again. */
  async idle(): Promise<void> {
    if (this.busy) await this.pumping;
  }

  private async pump(): Promise<void> {
    const src = this.source;
    this.busy = true;
    try {
      while (!this.detached && !this.destroyed) {
        if (this.remaining === 0) {
          this.push(null);
          this.settle();
          return;
        }
        if (src.available() === 0) {
          if (!(await src.fill())) throw unexpectedEOF();
          if (this.detached || this.destroyed) return;
        }
        const chunk = src.take(this.remaining);
        this.remaining -= chunk.length;
        if (!this.push(chunk) && this.remaining > 0) return;
      }
    } catch (e) {
      this.onFailure(e as Error);
      // An 'error' event nobody listens to would crash the process; a consumer without listeners sees a close.
      this.destroy(this.listenerCount('error') > 0 ? (e as Error) : undefined);
    } finally {
      this.busy = false;
    }
  }
}
