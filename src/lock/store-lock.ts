// The store lock: flock on <root>/lock, exclusive for short metadata commits (records, tags, GC), released by the
// kernel if the holder dies. Never held across network I/O or a container's lifetime.

import { joinPath } from '../sys/join-path.js';
import { FileLock } from '../sys/flock.js';

export class StoreLock {
  constructor(private readonly root: string) {}

  get path(): string {
    return joinPath(this.root, 'lock');
  }

  exclusive(): Promise<FileLock> {
    return FileLock.acquire(this.path, 'exclusive');
  }

  /** Runs `fn` holding the exclusive lock. */
  async withExclusive<T>(fn: () => Promise<T>): Promise<T> {
    await using _lock = await this.exclusive();
    return await fn();
  }
}
