// path.join's result, by plain concatenation when that is provably the same string, else by path.join. The store's
// paths (a container's directory and files, a layer's, a record's) are joined dozens of times on every command's way;
// node's join normalizes them one character at a time in JavaScript, and on the way to a container's start that much
// work makes V8 compile path's normalizer on a background thread, which the process then waits for at its exit
// (2–4 ms of `run --rm`). Store paths are clean already (an absolute root, hex IDs, fixed names), so they never need
// normalizing; anything else (an empty part, `.` or `..`, doubled or trailing slashes, a later part that is absolute)
// goes to path.join, so the result is always path.join's.

import { join } from 'node:path';

/** Whether `part` is left as it is by path.join's normalization (`first`: it may be absolute). */
function plain(part: string, first: boolean): boolean {
  return (
    part.length > 0 &&
    part !== '.' &&
    part !== '..' &&
    (first || part.charCodeAt(0) !== 47) &&
    part.charCodeAt(part.length - 1) !== 47 &&
    !part.includes('//') &&
    !part.includes('/./') &&
    !part.includes('/../') &&
    !part.startsWith('./') &&
    !part.startsWith('../') &&
    !part.endsWith('/.') &&
    !part.endsWith('/..')
  );
}

export function joinPath(...parts: string[]): string {
  if (parts.length === 0) return join();
  for (let i = 0; i < parts.length; i++) if (!plain(parts[i], i === 0)) return join(...parts);
  return parts.join('/');
}
