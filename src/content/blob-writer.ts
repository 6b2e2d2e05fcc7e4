// A blob being written into the content store (content/store.ts): bytes hashed on their way into a temporary file
// of a staging area, then verified and linked into blobs/ by commit(). Its own module so that node's stream modules
// load only for commands that write blobs.

import { createWriteStream, type WriteStream } from 'node:fs';
import { appendFile, chmod, link, mkdir, rename, rm } from 'node:fs/promises';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { joinPath } from '../sys/join-path.js';
import { BerthError, DigestMismatchError } from '../errors.js';
import type { Digest } from '../digest/digest.js';
import { HashStream } from '../digest/hash-stream.js';
import { fsyncDir, fsyncPath } from './fsync.js';
import { REFS_FILE } from '../lock/staging.js';
import { crashPoint } from '../lock/crash-point.js';
import type { BlobInfo } from './store.js';

/** Where a writer's blob goes: the content store's paths. */
export interface BlobDestination {
  readonly blobsDir: string;
  path(d: Digest): string;
  stagedPath(staging: string, d: Digest): string;
}

/**
 * A blob being written. Dispose without commit() to abort it; commit() of a blob already present is fine. commit()
 * notes the digest in the staging area's refs before the blob becomes visible, so GC keeps it while the work is
 * in flight and recovery knows what a killed writer may have left unreferenced.
 */
export class BlobWriter implements AsyncDisposable {
  private readonly hasher = new HashStream();
  private readonly file: WriteStream;
  private readonly tmp: string;
  private done = false;

  constructor(
    private readonly store: BlobDestination,
    private readonly staging: string,
    private readonly dir: string,
    private readonly expected?: Digest,
    private readonly expectedSize?: number,
    private readonly publish = true,
  ) {
    this.tmp = joinPath(dir, 'data');
    this.file = createWriteStream(this.tmp, { mode: 0o644, highWaterMark: 1 << 20 });
    this.hasher.pipe(this.file);
  }

  get size(): number {
    return this.hasher.size;
  }

  /** A Writable sink for pipeline(); ending it does not commit. */
  stream(): Writable {
    return new Writable({
      highWaterMark: 1 << 20,
      write: (chunk: Buffer, _enc, cb) => {
        if (this.hasher.write(chunk)) cb();
        else this.hasher.once('drain', () => cb());
      },
      final: (cb) => cb(),
    });
  }

  /** Writes all of `body` (ending it does not commit). */
  async drain(body: Readable): Promise<void> {
    await pipeline(body, this.stream());
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (!this.hasher.write(chunk)) await new Promise((r) => this.hasher.once('drain', r));
  }

  async commit(): Promise<BlobInfo> {
    const finished = new Promise<void>((resolve, reject) => {
      this.file.once('finish', resolve);
      this.file.once('error', reject);
    });
    this.hasher.end();
    await finished;
    const digest = this.hasher.digest();
    const size = this.hasher.size;
    if (this.expectedSize !== undefined && size !== this.expectedSize)
      throw new BerthError('DATA_LOSS', `blob ${this.expected ?? digest}: expected ${this.expectedSize} bytes, got ${size}`);
    if (this.expected && digest !== this.expected) throw new DigestMismatchError(this.expected, digest);
    if (this.publish) await fsyncPath(this.tmp);
    await chmod(this.tmp, 0o444);
    const kept = this.store.stagedPath(this.staging, digest);
    await mkdir(joinPath(this.staging, 'blobs'), { recursive: true });
    await rename(this.tmp, kept);
    await appendFile(joinPath(this.staging, REFS_FILE), `${digest}\n`);
    if (this.publish) {
      try {
        await link(kept, this.store.path(digest));
        await fsyncDir(this.store.blobsDir);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
    }
    crashPoint('blob-committed');
    this.done = true;
    await rm(this.dir, { recursive: true, force: true });
    return { digest, size };
  }

  async [Symbol.asyncDispose](): Promise<void> {
    if (this.done) return;
    // A write still in flight fails once the file is destroyed; that is the abort, not an error to raise.
    this.file.on('error', () => {});
    this.hasher.destroy();
    this.file.destroy();
    await rm(this.dir, { recursive: true, force: true });
  }
}

