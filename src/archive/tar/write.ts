// Streaming tar writer: a Readable of the archive; `add()` appends one entry (waiting while the consumer is behind),
// `finish()` appends the two zero blocks. Headers are Go archive/tar's PAX-format output (see header-encode.ts), so
// the same code writes Docker-identical layer tars and `docker save` archives (with `modeTypeBits: true`).

import { Readable } from 'node:stream';
import { BerthError } from '../../errors.js';
import type { TarEntryType, TarHeader } from './entry.js';
import { BLOCK } from './header-decode.js';
import { encodeHeader, type EncodeOptions } from './header-encode.js';

export type TarWriteHeader = Partial<TarHeader> & { name: string; type: TarEntryType };

export interface TarWriterOptions extends EncodeOptions {
  highWaterMark?: number;
}

const ZEROS = Buffer.alloc(2 * BLOCK);
/**
 * Headers, small bodies and padding are gathered into chunks of about this size before they are pushed: a layer of
 * small files would otherwise cost three trips through every stream stage behind (hash, file) per entry.
 */
const GATHER_BYTES = 64 * 1024;

/**
 * Lifecycle: pipe the writer somewhere, `await add(...)` entries one after another (concurrent calls are queued in
 * call order), then `await finish()`. A body that does not match its header's size destroys the stream with the
 * error, since the archive can no longer be valid; an invalid header only rejects that `add`.
 */
export class TarWriter extends Readable {
  private tail: Promise<void> = Promise.resolve();
  private gathered: Buffer[] = [];
  private gatheredBytes = 0;
  private wake: (() => void) | null = null;
  private sealed = false;

  constructor(private readonly opts: TarWriterOptions = {}) {
    super({ highWaterMark: opts.highWaterMark ?? 64 * 1024 });
  }

  /** Appends one entry. `body` is required for non-empty files; a Readable body needs `header.size`. */
  add(header: TarWriteHeader, body?: Readable | Buffer): Promise<void> {
    return this.enqueue(() => this.writeEntry(header, body));
  }

  /** Appends the end-of-archive blocks and ends the stream. */
  finish(): Promise<void> {
    return this.enqueue(async () => {
      await this.send(ZEROS);
      await this.flush();
      this.sealed = true;
      this.push(null);
    });
  }

  override _read(): void {
    const r = this.wake;
    this.wake = null;
    r?.();
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    this._read();
    cb(err);
  }

  private enqueue(job: () => Promise<void>): Promise<void> {
    const run = this.tail.then(() => {
      if (this.sealed) throw new BerthError('FAILED_PRECONDITION', 'tar writer: already finished');
      return job();
    });
    this.tail = run.catch(() => {});
    return run;
  }

  private async writeEntry(h: TarWriteHeader, body: Readable | Buffer | undefined): Promise<void> {
    const isBuffer = Buffer.isBuffer(body);
    const size = h.type === 'file' ? (h.size ?? (isBuffer ? body.length : 0)) : 0;
    if (h.type === 'file' && body === undefined && size > 0) {
      throw new BerthError('INVALID_ARGUMENT', `tar writer: ${h.name}: no body for ${size} bytes`);
    }
    if (isBuffer && body.length !== size) {
      throw new BerthError('INVALID_ARGUMENT', `tar writer: ${h.name}: body is ${body.length} bytes, header says ${size}`);
    }
    const header = encodeHeader(
      {
        name: h.name,
        type: h.type,
        mode: h.mode ?? (h.type === 'directory' ? 0o755 : h.type === 'symlink' ? 0o777 : 0o644),
        rawMode: h.rawMode,
        uid: h.uid ?? 0,
        gid: h.gid ?? 0,
        size,
        mtime: h.mtime ?? new Date(0),
        linkname: h.linkname ?? '',
        uname: h.uname ?? '',
        gname: h.gname ?? '',
        devmajor: h.devmajor ?? 0,
        devminor: h.devminor ?? 0,
        xattrs: h.xattrs ?? new Map(),
        pax: h.pax,
      },
      this.opts,
    );
    await this.send(header);
    if (body === undefined || (isBuffer && size === 0)) return;
    try {
      if (isBuffer) await this.send(body);
      else await this.copyBody(h.name, body as Readable, size);
      const pad = (BLOCK - (size % BLOCK)) % BLOCK;
      if (pad) await this.send(ZEROS.subarray(0, pad));
    } catch (e) {
      this.destroy(e as Error);
      throw e;
    }
  }

  private async copyBody(name: string, body: Readable, size: number): Promise<void> {
    let written = 0;
    for await (const chunk of body) {
      const buf: Buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      written += buf.length;
      if (written > size) throw new BerthError('INVALID_ARGUMENT', `tar writer: ${name}: body is longer than ${size} bytes`);
      await this.send(buf);
    }
    if (written < size) {
      throw new BerthError('INVALID_ARGUMENT', `tar writer: ${name}: body is ${written} bytes, header says ${size}`);
    }
  }

  /** Queues `buf` (kept by reference: callers hand over buffers they no longer change) and pushes a full chunk. */
  private async send(buf: Buffer): Promise<void> {
    if (this.destroyed) throw new BerthError('FAILED_PRECONDITION', 'tar writer: stream destroyed');
    this.gathered.push(buf);
    this.gatheredBytes += buf.length;
    if (this.gatheredBytes >= GATHER_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.gatheredBytes === 0) return;
    const chunk = this.gathered.length === 1 ? this.gathered[0] : Buffer.concat(this.gathered, this.gatheredBytes);
    this.gathered = [];
    this.gatheredBytes = 0;
    if (this.push(chunk)) return;
    await new Promise<void>((resolve) => (this.wake = resolve));
    if (this.destroyed) throw new BerthError('FAILED_PRECONDITION', 'tar writer: stream destroyed');
  }
}
