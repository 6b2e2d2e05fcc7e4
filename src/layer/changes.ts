// A writable layer → the A/C/D list `docker diff` prints. Docker compares the container's merged tree with its
// parent's (moby pkg/archive ChangesDirs); this gives the same answer while reading only what changed: for an
// overlay upper directory, its own entries plus a lookup of each in the layers below (never the whole image); for a
// vfs copy, the copy against the merged layers. Order as Docker's: a directory's `C` before its children, and in
// each directory additions and changes (with their subtrees) before deletions; names sorted within each group.

import { lstatSync, type Stats } from 'node:fs';
import { lgetxattr } from '../sys/xattr.js';
import { compareNames, isOpaque, isWhiteout, listDir, lookup, rootView, sortedEntries, type DirView, type MergedEntry } from './lower-view.js';

export type ChangeKind = 'A' | 'C' | 'D';

export interface Change {
  kind: ChangeKind;
  /** Absolute inside the container: `/etc/passwd`. */
  path: string;
}

/** A writable layer as changes and diff read it (snapshot/snapshotter.ts UpperDir has this shape). */
export interface LayerSource {
  /** An overlay upper directory, or a complete copy of the tree (`full`, vfs). */
  path: string;
  kind: 'overlay' | 'full';
  /** The read-only layer directories below it, uppermost first, in overlay form. */
  lowers: readonly string[];
}

const CAPABILITY = 'security.capability';

/** moby's sameFsTimeSpec: equal, or the same second with one side lacking sub-second precision. */
function sameTime(a: Stats, b: Stats): boolean {
  if (a.mtimeMs === b.mtimeMs) return true;
  const sa = Math.floor(a.mtimeMs / 1000);
  const sb = Math.floor(b.mtimeMs / 1000);
  return sa === sb && (a.mtimeMs === sa * 1000 || b.mtimeMs === sb * 1000);
}

/** moby's statDifferent: mode, owner and rdev; size and mtime too except for directories. */
function statDifferent(o: Stats, n: Stats): boolean {
  if (o.mode !== n.mode || o.uid !== n.uid || o.gid !== n.gid || o.rdev !== n.rdev) return true;
  return !o.isDirectory() && (!sameTime(o, n) || o.size !== n.size);
}

function capability(abs: string): Buffer | null {
  try {
    return lgetxattr(abs, CAPABILITY);
  } catch {
    return null;
  }
}

function changed(old: MergedEntry, abs: string, st: Stats): boolean {
  if (statDifferent(old.st, st)) return true;
  const a = capability(old.abs);
  const b = capability(abs);
  return a === null || b === null ? a !== b : !a.equals(b);
}

class Walker {
  readonly out: Change[] = [];
  constructor(private readonly overlay: boolean) {}

  /** Everything under a directory that the parent did not have (file types from readdir: no stat needed). */
  private added(rel: string, abs: string): void {
    for (const d of sortedEntries(abs)) {
      const child = `${abs}/${d.name}`;
      if (this.overlay && d.isCharacterDevice() && isWhiteout(lstatSync(child))) continue;
      this.out.push({ kind: 'A', path: `${rel}/${d.name}` });
      if (d.isDirectory()) this.added(`${rel}/${d.name}`, child);
    }
  }

  /**
   * The changes below the directory `rel`: `abs` is it in the writable layer, `old` the same directory in the
   * parent (empty when the parent has none there), `opaque` whether lower entries are hidden here.
   */
  dir(rel: string, abs: string, old: DirView, opaque: boolean): void {
    // In a full copy, and under an opaque directory, what the parent had and the layer lacks was deleted.
    const oldEntries = old.length > 0 && (!this.overlay || opaque) ? listDir(old) : null;
    const deleted: string[] = [];
    for (const d of sortedEntries(abs)) {
      const name = d.name;
      const child = `${abs}/${name}`;
      const path = `${rel}/${name}`;
      if (this.overlay && d.isCharacterDevice() && isWhiteout(lstatSync(child))) {
        if (oldEntries === null && old.length > 0 && lookup(old, name) !== null) deleted.push(name);
        continue;
      }
      const isDir = d.isDirectory();
      let prev: MergedEntry | null = null;
      let prevView: DirView = [];
      if (oldEntries !== null) {
        prev = oldEntries.get(name) ?? null;
        oldEntries.delete(name);
        if (prev?.st.isDirectory() && isDir) prevView = lookup(old, name, true)?.view ?? [];
      } else if (old.length > 0) {
        const found = lookup(old, name, isDir);
        prev = found;
        if (found?.st.isDirectory()) prevView = found.view;
      }
      if (prev === null) {
        this.out.push({ kind: 'A', path });
        if (isDir) this.added(path, child);
        continue;
      }
      const st = lstatSync(child);
      const at = this.out.length;
      const isChanged = changed(prev, child, st);
      if (isChanged) this.out.push({ kind: 'C', path });
      if (!isDir) continue;
      this.dir(path, child, prevView, this.overlay && isOpaque(child));
      if (!isChanged && this.out.length > at) this.out.splice(at, 0, { kind: 'C', path });
    }
    if (oldEntries !== null) deleted.push(...oldEntries.keys());
    deleted.sort(compareNames);
    for (const name of deleted) this.out.push({ kind: 'D', path: `${rel}/${name}` });
  }
}

/** The changes a writable layer holds relative to the layers below it, as `docker diff` lists them. */
export function layerChanges(src: LayerSource): Change[] {
  const w = new Walker(src.kind === 'overlay');
  w.dir('', src.path, rootView(src.lowers), false);
  return w.out;
}
