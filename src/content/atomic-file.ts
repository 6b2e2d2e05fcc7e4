// Crash-safe small files: write to a temporary name beside the target, fsync, rename, fsync the directory.

import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { dirname, basename } from 'node:path';
import { joinPath } from '../sys/join-path.js';
import { randomBytes } from '../sys/random.js';
import { fsyncDir, fsyncPathSync } from './fsync.js';

export const TMP_MARK = '.tmp-';

export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
  const tmp = joinPath(dirname(path), `${basename(path)}${TMP_MARK}${randomBytes(6).toString('hex')}`);
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

/** writeFileAtomic on this thread, for small records on a container start's critical path. */
export function writeFileAtomicSync(path: string, data: string | Uint8Array, mode = 0o644): void {
  const tmp = joinPath(dirname(path), `${basename(path)}${TMP_MARK}${randomBytes(6).toString('hex')}`);
  const fd = openSync(tmp, 'w', mode);
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  fsyncPathSync(dirname(path));
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
