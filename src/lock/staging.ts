// Staging areas: private directories for in-flight unpacks and commits, each owned by a live process through an
// flock on <root>/staging/<id>.lock. Whatever a dead owner left is swept by recover.ts. The `refs` file lists what
// the work uses or has published (blob digests, chainIDs): GC keeps those while the owner lives, and when the
// area is released (by its owner or, after a crash, by recovery) the ones nothing else refers to are removed.

import { mkdir, open, readFile, rename, rm, writeFile, appendFile } from 'node:fs/promises';
import { randomBytes } from '../sys/random.js';
import { joinPath } from '../sys/join-path.js';
import { FileLock } from '../sys/flock.js';

export const REFS_FILE = 'refs';

export interface StagingOptions {
  /** Called after the area is gone with the refs it held: remove what nothing else refers to. */
  onRelease?: (refs: string[]) => Promise<void>;
}

export const TMP_LOCK_SUFFIX = '.lock.tmp';

/** `<id>.<pid>.lock.tmp`: the lock file of area `id` while process `pid` creates it. */
export function tmpLockName(id: string, pid: number): string {
  return `${id}.${pid}${TMP_LOCK_SUFFIX}`;
}

/** The creator's pid in a tmpLockName (null for the older `<id>.lock.tmp`). */
export function tmpLockOwner(name: string): number | null {
  const m = /^[0-9a-f]+\.([1-9][0-9]*)\.lock\.tmp$/.exec(name);
  return m ? Number(m[1]) : null;
}

/** The refs a staging area recorded (empty when it has none or is gone). */
export async function readRefs(dir: string): Promise<string[]> {
  const text = await readFile(joinPath(dir, REFS_FILE), 'utf8').catch(() => '');
  return [...new Set(text.split('\n').filter(Boolean))];
}

export class Staging implements AsyncDisposable {
  private seq = 0;

  private constructor(
    readonly id: string,
    readonly dir: string,
    private readonly lock: FileLock,
    private readonly lockPath: string,
    private readonly opts: StagingOptions,
  ) {}

  static async create(root: string, opts: StagingOptions = {}): Promise<Staging> {
    const base = joinPath(root, 'staging');
    await mkdir(base, { recursive: true });
    for (let attempt = 1; ; attempt++) {
      const id = randomBytes(10).toString('hex');
      const lockPath = joinPath(base, `${id}.lock`);
      // Until it is locked, the lock file lives under a name that says whose it is (recover.ts).
      const tmpLock = joinPath(base, tmpLockName(id, process.pid));
      await (await open(tmpLock, 'w')).close();
      const lock = await FileLock.acquire(tmpLock, 'exclusive');
      try {
        await rename(tmpLock, lockPath);
      } catch (e) {
        await lock.release();
        // A recovery that took this process for dead (another PID namespace) removed it: start again.
        if ((e as NodeJS.ErrnoException).code === 'ENOENT' && attempt < 3) continue;
        throw e;
      }
      const dir = joinPath(base, id);
      await mkdir(dir);
      await writeFile(joinPath(dir, REFS_FILE), '');
      return new Staging(id, dir, lock, lockPath, opts);
    }
  }

  /** A fresh empty subdirectory of this staging area. */
  async subdir(prefix = 'd'): Promise<string> {
    const p = joinPath(this.dir, `${prefix}${this.seq++}`);
    await mkdir(p, { mode: 0o700 });
    return p;
  }

  /** Records that this in-flight work uses `ref` (a digest or chainID), so GC keeps it. */
  async protect(...refs: string[]): Promise<void> {
    if (refs.length) await appendFile(joinPath(this.dir, REFS_FILE), refs.map((r) => r + '\n').join(''));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    const refs = await readRefs(this.dir);
    await rm(this.dir, { recursive: true, force: true });
    await rm(this.lockPath, { force: true });
    await this.lock[Symbol.asyncDispose]();
    if (refs.length && this.opts.onRelease) await this.opts.onRelease(refs);
  }
}
