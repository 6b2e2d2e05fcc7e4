// Applies overlay-form layer directories onto a plain directory, bottom layer first, so the result is the tree
// overlayfs would show (the vfs driver's copies): a whiteout (0:0 character device) deletes the path, an opaque
// directory (trusted.overlay.opaque=y) drops what the layers below had in it, an entry replaces an entry of another
// type. The layer directories are only read.

import { lstatSync, readdirSync, rmSync, unlinkSync, utimesSync } from 'node:fs';
import { copyTree } from '../sys/copy-tree.js';
import { lremovexattr } from '../sys/xattr.js';
import { isOpaque, isWhiteout, OPAQUE_XATTR } from '../layer/lower-view.js';

interface Marks {
  whiteouts: string[];
  opaque: string[];
}

function clearDir(abs: string): void {
  for (const name of readdirSync(abs)) rmSync(`${abs}/${name}`, { recursive: true, force: true });
}

/** Makes room in `dst` for what `src` (a layer directory) brings, and notes what the copy must undo. */
function prepare(src: string, dst: string | null, rel: string, marks: Marks): void {
  if (isOpaque(src)) {
    marks.opaque.push(rel);
    if (dst !== null) clearDir(dst);
  }
  for (const name of readdirSync(src)) {
    const s = `${src}/${name}`;
    const d = dst === null ? null : `${dst}/${name}`;
    const st = lstatSync(s);
    const cur = d === null ? undefined : lstatSync(d, { throwIfNoEntry: false });
    const childRel = rel === '' ? name : `${rel}/${name}`;
    if (isWhiteout(st)) {
      marks.whiteouts.push(childRel);
      if (cur !== undefined) rmSync(d!, { recursive: true, force: true });
      continue;
    }
    if (st.isDirectory()) {
      if (cur !== undefined && !cur.isDirectory()) unlinkSync(d!);
      prepare(s, cur?.isDirectory() ? d : null, childRel, marks);
    } else if (cur?.isDirectory()) {
      rmSync(d!, { recursive: true, force: true });
    }
  }
}

/** Applies one layer directory onto `target`. */
export async function applyLayerDir(layer: string, target: string): Promise<void> {
  const marks: Marks = { whiteouts: [], opaque: [] };
  prepare(layer, target, '', marks);
  await copyTree(layer, target);
  // cp copied the whiteout devices and the opaque markers themselves: they are not part of the tree. Removing a
  // whiteout touches its directory, so that gets the layer's times back (to a
  // fraction of a microsecond: Node sets times from doubles; diff ignores directory times anyway).
  const parents = new Set<string>();
  for (const w of marks.whiteouts) {
    rmSync(`${target}/${w}`, { force: true, recursive: true });
    parents.add(w.includes('/') ? w.slice(0, w.lastIndexOf('/')) : '');
  }
  for (const p of parents) {
    const st = lstatSync(p === '' ? layer : `${layer}/${p}`);
    utimesSync(p === '' ? target : `${target}/${p}`, st.atimeMs / 1000, st.mtimeMs / 1000);
  }
  for (const o of marks.opaque) {
    try {
      lremovexattr(o === '' ? target : `${target}/${o}`, OPAQUE_XATTR);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENODATA') throw e;
    }
  }
}

/** Applies `layers` (bottom first) onto `target` in order. */
export async function copyLayers(layers: readonly string[], target: string): Promise<void> {
  for (const l of layers) await applyLayerDir(l, target);
}
