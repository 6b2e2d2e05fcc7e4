// Recovery when the store opens: sweep what dead processes left (staging areas whose lock is free, their ingest
// files) and, if a metadata commit was cut short, finish the cleanup that commit would have needed.

import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FileLock } from '../sys/flock.js';

export const COMMIT_MARKER = 'commit-in-progress';

async function list(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

/** Removes staging areas (and the blob writes inside them) whose owner is gone. Returns what was removed. */
export async function sweepStaging(root: string): Promise<string[]> {
  const base = join(root, 'staging');
  const names = await list(base);
  const removed: string[] = [];
  const live = new Set<string>();
  for (const name of names) {
    if (!name.endsWith('.lock') && !name.endsWith('.lock.tmp')) continue;
    const id = name.replace(/\.lock(\.tmp)?$/, '');
    const lock = await FileLock.acquire(join(base, name), 'exclusive', { wait: false }).catch(() => null);
    if (!lock) {
      live.add(id);
      continue;
    }
    try {
      await rm(join(base, id), { recursive: true, force: true });
      await rm(join(base, name), { force: true });
      removed.push(join(base, id));
    } finally {
      await lock[Symbol.asyncDispose]();
    }
  }
  for (const name of names) {
    if (name.includes('.lock') || live.has(name)) continue;
    if (!(await exists(join(base, `${name}.lock`)))) {
      await rm(join(base, name), { recursive: true, force: true });
      removed.push(join(base, name));
    }
  }
  return removed;
}

export async function needsSweep(root: string): Promise<boolean> {
  return (await list(join(root, 'staging'))).length > 0;
}
