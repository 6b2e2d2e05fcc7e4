// Recovery when the store opens: sweep what dead processes left (staging areas whose lock is free, with the blob
// writes inside them) and hand back what those areas had published, so the store can drop what nothing refers to.
// An interrupted metadata commit is rolled back by store/rollback.ts from the intent its marker holds.

import { readdirSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { joinPath } from '../sys/join-path.js';
import { FileLock } from '../sys/flock.js';
import { readRefs, tmpLockOwner, TMP_LOCK_SUFFIX } from './staging.js';

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

export interface SweepResult {
  removed: string[];
  /** What the removed areas had recorded in their refs (blob digests, chainIDs). */
  refs: string[];
}

/** Removes staging areas (and the blob writes inside them) whose owner is gone. */
export async function sweepStaging(root: string): Promise<SweepResult> {
  const base = joinPath(root, 'staging');
  const names = await list(base);
  const out: SweepResult = { removed: [], refs: [] };
  const live = new Set<string>();
  for (const name of names) {
    if (name.endsWith(TMP_LOCK_SUFFIX)) {
      await removeStaleTmpLock(joinPath(base, name), tmpLockOwner(name));
      continue;
    }
    if (!name.endsWith('.lock')) continue;
    const id = name.slice(0, -'.lock'.length);
    const lock = await FileLock.acquire(joinPath(base, name), 'exclusive', { wait: false }).catch(() => null);
    if (!lock) {
      live.add(id);
      continue;
    }
    try {
      out.refs.push(...(await readRefs(joinPath(base, id))));
      await rm(joinPath(base, id), { recursive: true, force: true });
      await rm(joinPath(base, name), { force: true });
      out.removed.push(joinPath(base, id));
    } finally {
      await lock[Symbol.asyncDispose]();
    }
  }
  for (const name of names) {
    if (name.includes('.lock') || live.has(name)) continue;
    if (!(await exists(joinPath(base, `${name}.lock`)))) {
      out.refs.push(...(await readRefs(joinPath(base, name))));
      await rm(joinPath(base, name), { recursive: true, force: true });
      out.removed.push(joinPath(base, name));
    }
  }
  return out;
}

/**
 * `<id>.<pid>.lock.tmp` exists only while Staging.create() locks it and renames it to `<id>.lock` (before the area's
 * directory exists). Locking it here could recreate it after that rename and make a live area look dead, so it is
 * only removed once it is clearly abandoned: its creator died in that window (no process has its pid), or, for a
 * pid that lives on (reused, or in another PID namespace) or an older name without one, it is ten minutes old. A
 * creator whose file goes all the same starts over.
 */
async function removeStaleTmpLock(path: string, owner: number | null): Promise<void> {
  if (owner !== null && !processExists(owner)) {
    await rm(path, { force: true });
    return;
  }
  const st = await stat(path).catch(() => null);
  if (st && Date.now() - st.mtimeMs > STALE_TMP_LOCK_MS) await rm(path, { force: true });
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

const STALE_TMP_LOCK_MS = 10 * 60 * 1000;

/** Synchronous (every command's start asks): whether anything is in staging at all. */
export function needsSweep(root: string): boolean {
  try {
    return readdirSync(joinPath(root, 'staging')).length > 0;
  } catch {
    return false;
  }
}
