// Crash-safe small files: write to a temporary name beside the target, fsync, rename, fsync the directory.

import { closeSync, fsync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { dirname, basename } from 'node:path';
import { joinPath } from '../sys/join-path.js';
import { randomBytes } from '../sys/random.js';
import { fsyncDir, fsyncPathSync } from './fsync.js';

export const TMP_MARK = '.tmp-';

/** A fresh temporary name beside `path` (recovery knows such names by TMP_MARK). */
const temporaryName = (path: string) => joinPath(dirname(path), `${basename(path)}${TMP_MARK}${randomBytes(6).toString('hex')}`);

export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
  const tmp = temporaryName(path);
  const fh = await open(tmp, 'w', mode);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  await fsyncDir(dirname(path));
}

/**
 * A temporary file beside `path` holding `data`, written on this thread and still open (for the caller to sync);
 * removed if the writing fails.
 */
function writeTemporary(path: string, data: string | Uint8Array, mode: number): { tmp: string; fd: number } {
  const tmp = temporaryName(path);
  const fd = openSync(tmp, 'w', mode);
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  return { tmp, fd };
}

/** The temporary file renamed over `path`; removed if that fails. */
function place(tmp: string, path: string): void {
  try {
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Replaces `path` whole (temporary file, rename) without syncing anything: readers never see it half-written, but a
 * crash of the machine may lose it or leave it damaged. For what is worthless after such a crash.
 */
export function replaceFileSync(path: string, data: string | Uint8Array, mode = 0o644): void {
  const { tmp, fd } = writeTemporary(path, data, mode);
  closeSync(fd);
  place(tmp, path);
}

/** writeFileAtomic on this thread, for small records on a container start's critical path. */
export function writeFileAtomicSync(path: string, data: string | Uint8Array, mode = 0o644): void {
  const { tmp, fd } = writeTemporary(path, data, mode);
  try {
    fsyncSync(fd);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  } finally {
    closeSync(fd);
  }
  place(tmp, path);
  fsyncPathSync(dirname(path));
}

export interface OverlappedWrite {
  /** Settles once the file is in place (synced, then renamed over `path`): readers see it whole. */
  placed: Promise<void>;
  /** Settles once the rename is synced too: as durable as writeFileAtomicSync's return makes it. */
  durable: Promise<void>;
}

/**
 * writeFileAtomicSync's steps with its two fsyncs on the thread pool, for a record on a container start's critical
 * path: the temporary file is written before this returns, and this thread is free for other work while the disk
 * syncs it (each fsync costs a loop-mounted disk ~0.3–0.5 ms). On failure the temporary file is removed and both
 * promises reject; `durable` never counts as unhandled (await it to see its failure).
 */
export function writeFileAtomicOverlapped(path: string, data: string | Uint8Array, mode = 0o644): OverlappedWrite {
  const { tmp, fd } = writeTemporary(path, data, mode);
  const placed = new Promise<void>((resolve, reject) => {
    fsync(fd, (err) => {
      closeSync(fd);
      try {
        if (err) {
          rmSync(tmp, { force: true });
          throw err;
        }
        place(tmp, path);
        resolve();
      } catch (e) {
        reject(e);
      }
    });
  });
  const durable = placed.then(() => {
    const dir = openSync(dirname(path), 'r');
    return new Promise<void>((resolve, reject) => {
      fsync(dir, (err) => {
        closeSync(dir);
        if (err) reject(err);
        else resolve();
      });
    });
  });
  durable.catch(() => {});
  return { placed, durable };
}

/** Synchronously read (records and indexes are small; a thread-pool round trip costs more than the read). */
export async function readJSONFile<T>(path: string): Promise<T | null> {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}
