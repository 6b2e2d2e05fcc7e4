// A path inside a container's root resolved the way the container itself would see it: symlinks (absolute ones
// relative to the container's root) and `..` never lead out of the root. Node has no openat2(RESOLVE_IN_ROOT), so
// this walks one component at a time with lstat/readlink; what it returns is a host path under `root`.

import { lstat, readlink } from 'node:fs/promises';
import { joinPath } from '../sys/join-path.js';
import { BerthError } from '../errors.js';

const MAX_LINKS = 40;

/**
 * Resolves `path` (absolute, in the container) under the host directory `root`. Missing components are allowed
 * and kept as they are (the caller decides whether the target must exist); with `followLast` false a final symlink
 * is returned itself, as `docker cp` copies a link rather than its target unless -L.
 */
export async function resolveInRoot(root: string, path: string, followLast = false): Promise<string> {
  const pending = path.split('/').filter((p) => p && p !== '.');
  const done: string[] = [];
  let links = 0;
  while (pending.length) {
    const part = pending.shift()!;
    if (part === '..') {
      done.pop();
      continue;
    }
    const host = joinPath(root, ...done, part);
    const st = await lstat(host).catch(() => null);
    if (!st?.isSymbolicLink() || (!followLast && pending.length === 0)) {
      done.push(part);
      continue;
    }
    if (++links > MAX_LINKS) throw new BerthError('INVALID_ARGUMENT', `too many levels of symbolic links: ${path}`);
    const target = await readlink(host);
    const parts = target.split('/').filter((p) => p && p !== '.');
    if (target.startsWith('/')) done.length = 0;
    pending.unshift(...parts);
  }
  return joinPath(root, ...done);
}
