// Small helpers both drivers share for writable layers: key checks, existence, and the size Docker reports for a
// layer directory (lstat sizes of non-directories, each inode once; FORMATS.md "Sizes").

import { lstatSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { randomBytes } from '../sys/random.js';
import { removeTreeSync } from '../sys/remove-tree.js';
import { joinPath } from '../sys/join-path.js';
import { BerthError } from '../errors.js';
import type { SnapshotStore } from './snapshotter.js';

const KEY = /^[0-9a-f]{64}$/;

/** Writable layers are named by 64-hex container IDs: anything else could name a path outside the driver home. */
export function checkKey(key: string): string {
  if (!KEY.test(key)) throw new BerthError('INVALID_ARGUMENT', `invalid writable layer key ${JSON.stringify(key)}`);
  return key;
}

export function noSuchLayer(key: string): BerthError {
  return new BerthError('NOT_FOUND', `writable layer ${key} does not exist`);
}

/**
 * Runs `fill` on a fresh private directory that it must rename away: inside `scratch` (PrepareOptions.scratch) when
 * given, else in a locked staging area. Whatever is left when `fill` fails is removed.
 */
export async function withScratch(store: SnapshotStore, scratch: string | undefined, fill: (dir: string) => Promise<void>): Promise<void> {
  if (scratch === undefined) {
    await using staging = await store.staging();
    await fill(await staging.subdir('rw'));
    return;
  }
  const dir = joinPath(scratch, `rw-${randomBytes(8).toString('hex')}`);
  mkdirSync(dir, { mode: 0o700 });
  try {
    await fill(dir);
  } catch (e) {
    removeTreeSync(dir);
    throw e;
  }
}

export function isDirSync(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

export async function isDir(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/** Bytes of a layer directory as Docker counts them. */
export function treeSize(root: string): number {
  const seen = new Set<number>();
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    for (const name of readdirSync(dir)) {
      const abs = `${dir}/${name}`;
      const st = lstatSync(abs);
      if (st.isDirectory()) {
        stack.push(abs);
        continue;
      }
      if (st.nlink > 1) {
        if (seen.has(st.ino)) continue;
        seen.add(st.ino);
      }
      total += st.size;
    }
  }
  return total;
}
