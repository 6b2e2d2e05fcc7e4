// What overlayfs would show for one path of a stack of overlay-form layer directories (uppermost first), without
// mounting anything: a whiteout (0:0 character device) hides the name below it, a non-directory hides everything
// below it, and a directory merges with the directories below it until one is opaque (trusted.overlay.opaque=y).
// Used by diff (is this path in the image?), the init layer, vfs copies and export.

import { lstatSync, readdirSync, type Dirent, type Stats } from 'node:fs';
import { lgetxattr } from '../sys/xattr.js';

export const OPAQUE_XATTR = 'trusted.overlay.opaque';

/** The layer directories that make up one directory of the merged tree, uppermost first. */
export type DirView = readonly string[];

export interface MergedEntry {
  /** The uppermost copy, which is what the merged tree shows. */
  abs: string;
  st: Stats;
}

export interface FoundEntry extends MergedEntry {
  /** For a directory: the layer directories it merges (empty unless asked for). */
  view: string[];
}

export function isWhiteout(st: Stats): boolean {
  return st.isCharacterDevice() && st.rdev === 0;
}

export function isOpaque(abs: string): boolean {
  const v = lgetxattr(abs, OPAQUE_XATTR);
  return v !== null && v.length === 1 && v[0] === 0x79;
}

/**
 * The merged root of `layers` (layer directories, uppermost first). Whether the lowest directory is opaque changes
 * nothing, so it is not read: an image of one layer needs no xattr at all (and the addon, ~2 ms to load, stays unloaded).
 * `upperTop`: the first directory is a writable layer's upper directory, whose root overlayfs never marks opaque (the
 * root of a mount can't be removed or replaced), so a fresh container's tree needs no xattr either.
 */
export function rootView(layers: readonly string[], opts: { upperTop?: boolean } = {}): DirView {
  const out: string[] = [];
  for (let i = 0; i < layers.length; i++) {
    out.push(layers[i]);
    if (i === 0 && opts.upperTop) continue;
    if (i < layers.length - 1 && isOpaque(layers[i])) break;
  }
  return out;
}

/** What the merged directory `dir` holds at `name`: null when absent or whited out. */
export function lookup(dir: DirView, name: string, wantView = false): FoundEntry | null {
  let top: FoundEntry | null = null;
  for (let i = 0; i < dir.length; i++) {
    const abs = `${dir[i]}/${name}`;
    const st = lstatSync(abs, { throwIfNoEntry: false });
    if (st === undefined) continue;
    if (top === null) {
      if (isWhiteout(st)) return null;
      top = { abs, st, view: [] };
      if (!st.isDirectory() || !wantView) return top;
    } else if (!st.isDirectory()) {
      break;
    }
    top.view.push(abs);
    if (i < dir.length - 1 && isOpaque(abs)) break;
  }
  return top;
}

/** The merged directory's entries by name (uppermost copies, whiteouts applied), in no particular order. */
export function listDir(dir: DirView): Map<string, MergedEntry> {
  const out = new Map<string, MergedEntry>();
  const hidden = new Set<string>();
  for (const layer of dir) {
    for (const name of readdirSync(layer)) {
      if (out.has(name) || hidden.has(name)) continue;
      const abs = `${layer}/${name}`;
      const st = lstatSync(abs);
      if (isWhiteout(st)) hidden.add(name);
      else out.set(name, { abs, st });
    }
  }
  return out;
}

/**
 * Orders names as Go compares strings (by UTF-8 bytes), which is how filepath.Walk and sort.Strings order them.
 * JavaScript's `<` compares UTF-16 units and differs only between astral characters and U+E000–U+FFFF.
 */
export function compareNames(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const sx = x >= 0xd800 && x <= 0xdfff;
    const sy = y >= 0xd800 && y <= 0xdfff;
    if (sx !== sy && (sx ? y : x) >= 0xe000) return sx ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** A directory's names in Go's order. */
export function sortedNames(abs: string): string[] {
  return readdirSync(abs).sort(compareNames);
}

/** A directory's entries (with their file types) in Go's order. */
export function sortedEntries(abs: string): Dirent[] {
  return readdirSync(abs, { withFileTypes: true }).sort((a, b) => compareNames(a.name, b.name));
}
