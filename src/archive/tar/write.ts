// Streaming tar writer: a Readable of the archive; `add()` appends one entry (waiting while the consumer is behind),
// `finish()` appends the two zero blocks. Headers are Go archive/tar's PAX-format output (see header-encode.ts), so
// the same code writes Docker-identical layer tars and `docker save` archives (with `modeTypeBits: true`).

import { Readable } from 'node:stream';
import { BerthError } from '../../errors.js';
import type { TarEntryType, TarHeader } from './entry.js';
import { BLOCK } from './header-decode.js';
import { encodeHeader, encodeHeaderInto, type EncodeOptions } from './header-encode.js';

export type TarWriteHeader = Partial<TarHeader> & { name: string; type: TarEntryType };

export interface TarWriterOptions extends EncodeOptions {
  highWaterMark?: number;
}

const ZEROS = Buffer.alloc(2 * BLOCK);
/**
 * Headers, small bodies and padding are copied into chunks of this size before they are pushed: a layer of small
 * files would otherwise cost a Buffer per header and three trips through every stream stage behind (hash, file) per
 * entry. A piece at least this big (a large file's read) is pushed as it is.
 */
const CHUNK_BYTES = 64 * 1024;

/**
 * Lifecycle: pipe the writer somewhere, `await add(...)` entries one after another (concurrent calls are queued in
 * call order), then `await finish()`. A body that does not match its header's size destroys the stream with the
 * error, since the archive can no longer be valid; an invalid header only rejects that `add`.
 *
 * An entry with no body or a Buffer body is written at once when nothing is queued before it and the consumer is not
 * behind (the common case of a layer of small files): no promise chain per entry. A stream body is queued.
 */
export class TarWriter extends Readable {
  private tail: Promise<void> = Promise.resolve();
  private queued = 0;
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  /** Set while the consumer is behind (the last push returned false): resolves at its next read. */
  private drained: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private sealed = false;

  constructor(private readonly opts: TarWriterOptions = {}) {
    super({ highWaterMark: opts.highWaterMark ?? 64 * 1024 });
  }

  /** Appends one entry. `body` is required for non-empty files; a Readable body needs `header.size`. */
  add(header: TarWriteHeader, body?: Readable | Buffer): Promise<void> {
    if (this.queued === 0 && this.drained === null && !this.sealed && !this.destroyed && (body === undefined || Buffer.isBuffer(body))) {
      try {
        this.writeBuffered(header, body);
      } catch (e) {
        return Promise.reject(e);
      }
      return this.drained ?? Promise.resolve();
    }
    return this.enqueue(() => this.writeEntry(header, body));
  }

  /** Appends the end-of-archive blocks and ends the stream. */
  finish(): Promise<void> {
    return this.enqueue(async () => {
      this.copy(ZEROS);
      await this.flush();
      this.sealed = true;
      this.push(null);
    });
  }

  override _read(): void {
    const r = this.wake;
    this.wake = null;
    this.drained = null;
    r?.();
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    this._read();
    cb(err);
  }

  private enqueue(job: () => Promise<void>): Promise<void> {
    this.queued++;
    const run = this.tail.then(async () => {
      try {
        if (this.sealed) throw new BerthError('FAILED_PRECONDITION', 'tar writer: already finished');
        if (this.drained) await this.drained;
        return await job();
      } finally {
        this.queued--;
      }
    });
    this.tail = run.catch(() => {});
    return run;
  }

  /** The header the codec encodes: the caller's fields with their defaults. */
  private fullHeader(h: TarWriteHeader, size: number): TarHeader {
    return {
      name: h.name,
      type: h.type,
      mode: h.mode ?? (h.type === 'directory' ? 0o755 : h.type === 'symlink' ? 0o777 : 0o644),
      rawMode: h.rawMode,
      uid: h.uid ?? 0,
      gid: h.gid ?? 0,
      size,
      mtime: h.mtime ?? EPOCH,
      linkname: h.linkname ?? '',
      uname: h.uname ?? '',
      gname: h.gname ?? '',
      devmajor: h.devmajor ?? 0,
      devminor: h.devminor ?? 0,
      xattrs: h.xattrs ?? NO_XATTRS,
      pax: h.pax,
    };
  }

  /** The entry's size after the checks every entry gets before anything of it is written. */
  private checkedSize(h: TarWriteHeader, body: Readable | Buffer | undefined): number {
    const isBuffer = Buffer.isBuffer(body);
    const size = h.type === 'file' ? (h.size ?? (isBuffer ? body.length : 0)) : 0;
    if (h.type === 'file' && body === undefined && size > 0) {
      throw new BerthError('INVALID_ARGUMENT', `tar writer: ${h.name}: no body for ${size} bytes`);
    }
    if (isBuffer && body.length !== size) {
      throw new BerthError('INVALID_ARGUMENT', `tar writer: ${h.name}: body is ${body.length} bytes, header says ${size}`);
    }
    return size;
  }

  /** Header, Buffer body and padding, copied into chunks now (pushing the full ones). */
  private writeBuffered(h: TarWriteHeader, body: Buffer | undefined): void {
    const size = this.checkedSize(h, body);
    this.copyHeader(this.fullHeader(h, size));
    if (body === undefined || size === 0) return;
    this.copy(body);
    const pad = (BLOCK - (size % BLOCK)) % BLOCK;
    if (pad) this.copy(ZEROS.subarray(0, pad));
  }

  private async writeEntry(h: TarWriteHeader, body: Readable | Buffer | undefined): Promise<void> {
    if (body === undefined || Buffer.isBuffer(body)) {
      this.writeBuffered(h, body);
      if (this.drained) await this.drained;
      return;
    }
    const size = this.checkedSize(h, body);
    this.copyHeader(this.fullHeader(h, size));
    try {
      await this.copyBody(h.name, body, size);
      const pad = (BLOCK - (size % BLOCK)) % BLOCK;
      if (pad) this.copy(ZEROS.subarray(0, pad));
      if (this.drained) await this.drained;
    } catch (e) {
      this.destroy(e as Error);
      throw e;
    }
  }

  /** The header's block(s): one ustar block is encoded straight into the chunk. Throws before writing anything. */
  private copyHeader(h: TarHeader): void {
    if (this.destroyed) throw new BerthError('FAILED_PRECONDITION', 'tar writer: stream destroyed');
    if (this.used + BLOCK > CHUNK_BYTES) this.pushChunk();
    if (encodeHeaderInto(h, this.opts, this.chunk, this.used)) {
      this.used += BLOCK;
      if (this.used === CHUNK_BYTES) this.pushChunk();
    } else this.copy(encodeHeader(h, this.opts));
  }

  private async copyBody(name: string, body: Readable, size: number): Promise<void> {
    let written = 0;
    for await (const chunk of body) {
      const buf: Buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      written += buf.length;
      if (written > size) throw new BerthError('INVALID_ARGUMENT', `tar writer: ${name}: body is longer than ${size} bytes`);
      this.copy(buf);
      if (this.drained) await this.drained;
    }
    if (written < size) {
      throw new BerthError('INVALID_ARGUMENT', `tar writer: ${name}: body is ${written} bytes, header says ${size}`);
    }
  }

  /** Appends `buf` to the archive: copied into the current chunk, or pushed as it is when it is a chunk's size. */
  private copy(buf: Buffer): void {
    if (this.destroyed) throw new BerthError('FAILED_PRECONDITION', 'tar writer: stream destroyed');
    if (buf.length >= CHUNK_BYTES) {
      this.pushChunk();
      this.pushPiece(buf);
      return;
    }
    let off = 0;
    while (off < buf.length) {
      const n = Math.min(buf.length - off, CHUNK_BYTES - this.used);
      buf.copy(this.chunk, this.used, off, off + n);
      this.used += n;
      off += n;
      if (this.used === CHUNK_BYTES) this.pushChunk();
    }
  }

  /** Pushes what the current chunk holds and starts a new one (the pushed bytes belong to the consumer now). */
  private pushChunk(): void {
    if (this.used === 0) return;
    const full = this.chunk.subarray(0, this.used);
    this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
    this.pushPiece(full);
  }

  private pushPiece(buf: Buffer): void {
    if (this.push(buf) || this.drained) return;
    this.drained = new Promise<void>((resolve) => (this.wake = resolve));
  }

  /** Pushes the partial chunk and waits until the consumer has read enough. */
  private async flush(): Promise<void> {
    this.pushChunk();
    if (this.drained) await this.drained;
    if (this.destroyed) throw new BerthError('FAILED_PRECONDITION', 'tar writer: stream destroyed');
  }
}

const EPOCH = new Date(0);
const NO_XATTRS: Map<string, Buffer> = new Map();
