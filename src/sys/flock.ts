// Advisory flock(2) locks without a native addon: we open the file, and util-linux `flock` locks the same open
// file description through an inherited fd 3, then exits. The lock stays with our descriptor (Node opens files
// O_CLOEXEC, so no other child inherits it) and the kernel drops it when we close it or the process dies.

import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { BerthError } from '../errors.js';
import { describeFailure, exec } from './exec.js';

export type LockMode = 'shared' | 'exclusive';

export interface AcquireOptions {
  /** Block until the lock is free (default); false fails at once with UNAVAILABLE. */
  wait?: boolean;
  signal?: AbortSignal;
}

const CONFLICT_EXIT = 75;

/** A held lock. Lifecycle: acquire → (use) → release or dispose; releasing twice is harmless. */
export class FileLock implements AsyncDisposable {
  private handle: FileHandle | null;

  private constructor(
    handle: FileHandle,
    readonly path: string,
    readonly mode: LockMode,
  ) {
    this.handle = handle;
  }

  /** Opens (creating if missing, never through a symlink) and locks `path`. */
  static async acquire(path: string, mode: LockMode, opts: AcquireOptions = {}): Promise<FileLock> {
    const handle = await open(path, constants.O_RDONLY | constants.O_CREAT | constants.O_NOFOLLOW, 0o644);
    try {
      const args = [mode === 'shared' ? '-s' : '-x'];
      if (opts.wait === false) args.push('-n', '-E', String(CONFLICT_EXIT));
      args.push('3');
      const run = (stderr: 'pipe' | 'ignore') => exec('flock', args, { fds: [handle.fd], signal: opts.signal, stderr });
      // Without a stderr pipe (cheaper); a failure is tried once more with one, for flock's own words.
      let r = await run('ignore');
      if (r.code !== 0 && !(r.code === CONFLICT_EXIT && opts.wait === false)) r = await run('pipe');
      if (r.code === CONFLICT_EXIT && opts.wait === false) {
        throw new BerthError('UNAVAILABLE', `${path} is locked by another process`);
      }
      if (r.code !== 0) throw new BerthError('FAILED_PRECONDITION', `lock ${path}: ${describeFailure('flock', r)}`);
      return new FileLock(handle, path, mode);
    } catch (e) {
      await handle.close();
      throw e;
    }
  }

  get held(): boolean {
    return this.handle !== null;
  }

  async release(): Promise<void> {
    const h = this.handle;
    this.handle = null;
    await h?.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.release();
  }
}
