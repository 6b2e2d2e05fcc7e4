// The content store: blobs addressed by sha256 under <root>/blobs/sha256, written inside a staging area and made
// visible by one link only after their size and digest were verified (containerd's ingest/commit model). The
// staging area keeps its own link to every blob it committed until it is disposed, so a blob that a concurrent
// GC removed before this work's records were written can be put back (`ensure`, under the store lock).

import { createReadStream, mkdirSync, readFileSync } from 'node:fs';
import { link, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { randomBytes } from '../sys/random.js';
import { joinPath } from '../sys/join-path.js';
import type { Readable } from 'node:stream';
import { BerthError } from '../errors.js';
import { hex, isDigest, type Digest } from '../digest/digest.js';
import { fsyncDir } from './fsync.js';
import type { BlobWriter } from './blob-writer.js';

export type { BlobWriter } from './blob-writer.js';

export interface BlobInfo {
  digest: Digest;
  size: number;
}

export interface WriterOptions {
  staging: string;
  expected?: Digest;
  size?: number;
  /**
   * false: commit() verifies and keeps the blob in the staging area only, without an fsync of its own; it becomes
   * visible through ensure() inside the commit that uses it, after the caller made the staging area durable (one
   * syncfs for everything a load unpacked). Default true: fsync and publish at once.
   */
  publish?: boolean;
}

export class ContentStore {
  readonly blobsDir: string;

  constructor(readonly root: string) {
    this.blobsDir = joinPath(root, 'blobs', 'sha256');
  }

  init(): void {
    mkdirSync(this.blobsDir, { recursive: true });
  }

  path(d: Digest): string {
    return joinPath(this.blobsDir, hex(d));
  }

  async has(d: Digest): Promise<boolean> {
    try {
      return (await stat(this.path(d))).isFile();
    } catch {
      return false;
    }
  }

  async size(d: Digest): Promise<number | null> {
    try {
      return (await stat(this.path(d))).size;
    } catch {
      return null;
    }
  }

  open(d: Digest, opts: { start?: number; end?: number } = {}): Readable {
    return createReadStream(this.path(d), { start: opts.start, end: opts.end, highWaterMark: 1 << 20 });
  }

  /**
   * A whole blob: configs and manifests (small), read synchronously: a thread-pool round trip costs more than the
   * read, and commands read several on their way.
   */
  async read(d: Digest): Promise<Buffer> {
    try {
      return readFileSync(this.path(d));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new BerthError('NOT_FOUND', `blob ${d} not found`);
      throw e;
    }
  }

  async delete(d: Digest): Promise<void> {
    await rm(this.path(d), { force: true });
  }

  async *walk(): AsyncIterable<BlobInfo> {
    for (const name of await readdir(this.blobsDir)) {
      const digest = `sha256:${name}`;
      if (!isDigest(digest)) continue;
      const s = await stat(joinPath(this.blobsDir, name)).catch(() => null);
      if (s?.isFile()) yield { digest, size: s.size };
    }
  }

  /**
   * Opens a writer whose temporary file lives in `opts.staging` (a live staging area, lock/staging.ts, so a killed
   * writer's leftovers are swept with it); nothing is visible in blobs/ until commit() verifies what was written.
   */
  async writer(opts: WriterOptions): Promise<BlobWriter> {
    const dir = joinPath(opts.staging, `blob-${randomBytes(8).toString('hex')}`);
    await mkdir(dir);
    // The writer and node's stream modules (~2 ms to load) only for a command that writes blobs: not `run`.
    const { BlobWriter } = await import('./blob-writer.js');
    return new BlobWriter(this, opts.staging, dir, opts.expected, opts.size, opts.publish ?? true);
  }

  /** Where a staging area keeps its own link to a blob it committed. */
  stagedPath(staging: string, d: Digest): string {
    return joinPath(staging, 'blobs', hex(d));
  }

  /**
   * Makes sure blob `d` is in the store, putting back the staging area's copy if a GC removed it meanwhile. Call
   * with the exclusive store lock held, before writing records that refer to `d`.
   */
  async ensure(staging: string, d: Digest): Promise<void> {
    if (await this.has(d)) return;
    try {
      await link(this.stagedPath(staging, d), this.path(d));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new BerthError('DATA_LOSS', `blob ${d} is missing from the store`);
      if (code !== 'EEXIST') throw e;
    }
    await fsyncDir(this.blobsDir);
  }

  /** Writes a small blob from memory (configs, manifests). */
  async put(staging: string, data: Uint8Array, expected?: Digest): Promise<BlobInfo> {
    await using w = await this.writer({ staging, expected, size: data.length });
    await w.write(data);
    return await w.commit();
  }

  /** Streams `body` into the store. */
  async ingest(body: Readable, opts: WriterOptions): Promise<BlobInfo> {
    await using w = await this.writer(opts);
    await w.drain(body);
    return await w.commit();
  }
}
