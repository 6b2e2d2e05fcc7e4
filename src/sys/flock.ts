// Advisory flock(2) locks, released by the kernel when the holder closes the file or dies. An uncontended lock is
// taken at once with fs-ext's flock binding (LOCK_NB: it never blocks the event loop). A lock someone holds, or a
// machine where the addon did not build, goes the portable way: util-linux `flock` locks the same open file
// description through an inherited fd 3 and exits, so the wait happens in a child that can be aborted. Either way
// the lock stays with our descriptor (opened O_CLOEXEC, so no other child inherits it).

import { closeSync, constants, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { BerthError } from '../errors.js';
import { describeFailure, exec } from './exec.js';

export type LockMode = 'shared' | 'exclusive';

export interface AcquireOptions {
  /** Block until the lock is free (default); false fails at once with UNAVAILABLE. */
  wait?: boolean;
  signal?: AbortSignal;
}

const CONFLICT_EXIT = 75;

/** null until tried; false once the binding failed to load (not built here): the flock command serves. */
let nativeFlock: boolean | null = null;
let lockNow: ((fd: number, mode: LockMode) => void) | undefined;

/** The compiled part of fs-ext: flock(fd, operation), which throws the errno with its `code`, and flock's bits. */
interface FlockAddon {
  flock(fd: number, operation: number): void;
  constants: { LOCK_SH: number; LOCK_EX: number; LOCK_NB: number };
}

/**
 * fs-ext, loaded on the first lock (its addon is built at install: where that failed, requiring it throws). The addon
 * is required directly when it is where fs-ext builds it, which spares the package's resolution and main script
 * (~0.5 ms, on the way to every container start); else, or if its shape is not the one known here, the package.
 */
function loadFlock(): (fd: number, mode: LockMode) => void {
  const req = createRequire(import.meta.url);
  try {
    const addon = req('fs-ext/build/Release/fs_ext.node') as Partial<FlockAddon>;
    const bits = addon.constants;
    if (typeof addon.flock === 'function' && bits && [bits.LOCK_SH, bits.LOCK_EX, bits.LOCK_NB].every(Number.isInteger)) {
      const flock = addon.flock.bind(addon);
      return (fd, mode) => flock(fd, (mode === 'shared' ? bits.LOCK_SH : bits.LOCK_EX) | bits.LOCK_NB);
    }
  } catch {
    // not at that path: the package finds it
  }
  const pkg = req('fs-ext') as typeof import('fs-ext');
  return (fd, mode) => pkg.flockSync(fd, mode === 'shared' ? 'shnb' : 'exnb');
}

/** For tests: take every lock through the flock command (false), or the binding first again (true). */
export function useNativeFlock(on: boolean): void {
  nativeFlock = on ? null : false;
}

/** One non-blocking try through the binding: true locked, false held by someone else, null binding unusable. */
function tryNative(fd: number, mode: LockMode): boolean | null {
  if (nativeFlock === false) return null;
  try {
    lockNow ??= loadFlock();
    lockNow(fd, mode);
    nativeFlock = true;
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EAGAIN' || code === 'EWOULDBLOCK') return false;
    // no addon (MODULE_NOT_FOUND, a failed dlopen) or a filesystem without flock: the command says what is wrong
    nativeFlock = false;
    return null;
  }
}

/** Locks `fd` with util-linux flock, waiting unless `wait` is false. */
async function lockWithCommand(path: string, fd: number, mode: LockMode, opts: AcquireOptions): Promise<void> {
  const args = [mode === 'shared' ? '-s' : '-x'];
  if (opts.wait === false) args.push('-n', '-E', String(CONFLICT_EXIT));
  args.push('3');
  const run = (stderr: 'pipe' | 'ignore') => exec('flock', args, { fds: [fd], signal: opts.signal, stderr });
  // Without a stderr pipe (cheaper); a failure is tried once more with one, for flock's own words.
  let r = await run('ignore');
  if (r.code !== 0 && !(r.code === CONFLICT_EXIT && opts.wait === false)) r = await run('pipe');
  if (r.code === CONFLICT_EXIT && opts.wait === false) {
    throw new BerthError('UNAVAILABLE', `${path} is locked by another process`);
  }
  if (r.code !== 0) throw new BerthError('FAILED_PRECONDITION', `lock ${path}: ${describeFailure('flock', r)}`);
}

/** A held lock. Lifecycle: acquire → (use) → release or dispose; releasing twice is harmless. */
export class FileLock implements AsyncDisposable {
  private fd: number | null;

  private constructor(
    fd: number,
    readonly path: string,
    readonly mode: LockMode,
  ) {
    this.fd = fd;
  }

  /** Opens (creating if missing, never through a symlink) and locks `path`. */
  static async acquire(path: string, mode: LockMode, opts: AcquireOptions = {}): Promise<FileLock> {
    opts.signal?.throwIfAborted();
    const fd = openSync(path, constants.O_RDONLY | constants.O_CREAT | constants.O_NOFOLLOW, 0o644);
    try {
      const got = tryNative(fd, mode);
      if (got === false && opts.wait === false) throw new BerthError('UNAVAILABLE', `${path} is locked by another process`);
      if (!got) await lockWithCommand(path, fd, mode, opts);
      return new FileLock(fd, path, mode);
    } catch (e) {
      closeSync(fd);
      throw e;
    }
  }

  get held(): boolean {
    return this.fd !== null;
  }

  async release(): Promise<void> {
    const fd = this.fd;
    this.fd = null;
    if (fd !== null) closeSync(fd);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.release();
  }
}
