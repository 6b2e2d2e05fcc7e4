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

/** What a directory is expected to hold: a file (or link) by name, or a directory with its own expected entries. */
export interface TreeLayout {
  [name: string]: TreeLayout | null;
}

const failedWith = (e: unknown, ...codes: string[]) => codes.includes((e as NodeJS.ErrnoException).code ?? '');

/**
 * Removes `dir`, a tree berth made itself, by the names it expects there: an unlink or rmdir each, with no directory
 * read (a directory read is five system calls: on the way out of every `run --rm` they were half of the removal).
 * Whatever else is there is found when a rmdir says the directory is not empty, and removed as removeTreeSync
 * removes; an entry missing is not an error. Only for trees whose directories berth made (a link where a directory
 * is expected would be followed).
 */
export function removeLaidOutTree(dir: string, layout: TreeLayout): void {
  // one look first: a tree already gone (a removal repeated) costs one call, not one per expected name
  const st = lstatSync(dir, { throwIfNoEntry: false });
  if (!st) return;
  if (st.isDirectory()) removeByLayout(dir, layout);
  else ignoreGone(() => unlinkSync(dir));
}

function removeByLayout(dir: string, layout: TreeLayout): void {
  for (const [name, sub] of Object.entries(layout)) {
    const p = `${dir}/${name}`;
    if (sub) {
      removeByLayout(p, sub);
      continue;
    }
    try {
      unlinkSync(p);
    } catch (e) {
      if (failedWith(e, 'EISDIR', 'EPERM')) removeTreeSync(p);
      else if (!failedWith(e, 'ENOENT', 'ENOTDIR')) throw e; // ENOTDIR: `dir` is a file, unlinked below
    }
  }
  try {
    rmdirSync(dir);
  } catch (e) {
    if (failedWith(e, 'ENOTEMPTY', 'EEXIST')) removeDir(dir);
    else if (failedWith(e, 'ENOTDIR')) ignoreGone(() => unlinkSync(dir));
    else if (!failedWith(e, 'ENOENT')) throw e;
  }
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
