// Deleting a directory tree in the fewest system calls: one getdents for each directory (the entries' types come
// with it), then unlink or descend, then rmdir. node's rmSync({ recursive }) lstats every entry and tries rmdir on it
// before reading a directory: about twice the calls, which on the way out of every `run --rm` costs ~1 ms. Symbolic
// links are removed, never followed. A path already gone is not an error. Single files go with removeFileSync: one
// unlink, where node's rmSync lstats first (and loads its rimraf module for that, on the way to every start).

import { existsSync, lstatSync, readdirSync, rmdirSync, unlinkSync } from 'node:fs';

const ignoreGone = (f: () => void) => {
  try {
    f();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
};

/** Removes `dir`, a directory (not a link to one), and everything in it. */
function removeDir(dir: string): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  for (const d of entries) {
    const p = `${dir}/${d.name}`;
    if (d.isDirectory()) removeDir(p);
    else ignoreGone(() => unlinkSync(p));
  }
  ignoreGone(() => rmdirSync(dir));
}

export function removeTreeSync(path: string): void {
  const st = lstatSync(path, { throwIfNoEntry: false });
  if (!st) return;
  if (st.isDirectory()) removeDir(path);
  else ignoreGone(() => unlinkSync(path));
}

/**
 * Removes the file (or link, or device…) at `path`, not a directory; a path already gone is not an error.
 * `likelyAbsent`: look first (no exception for the usual case of nothing there).
 */
export function removeFileSync(path: string, likelyAbsent = false): void {
  if (likelyAbsent && !existsSync(path)) return;
  ignoreGone(() => unlinkSync(path));
}
