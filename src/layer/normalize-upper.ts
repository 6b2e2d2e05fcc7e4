// An overlay upper directory, moved or copied into staging, → the layer directory its own layer tar (diff.ts) unpacks
// to, so that a layer committed from a container is the same on disk as the same layer loaded or pulled later:
// - extended attributes a layer tar does not carry go: overlay's bookkeeping (`trusted.overlay.origin`, `impure`,
//   `uuid`, …) and any other; kept are `security.capability` (fs-tar.ts writes it) and the opaque mark of a
//   directory the tar marks opaque;
// - access and modification times become the whole second the tar records (apply.ts sets both to it);
// - sockets, which tars skip, are removed.
// Whiteout devices, owners, modes and hard links are already in the store's form.

import { lstatSync, lutimesSync, readdirSync, unlinkSync } from 'node:fs';
import { llistxattr, lremovexattr } from '../sys/xattr.js';
import { isOpaque, OPAQUE_XATTR } from './lower-view.js';
import { CAPABILITY } from './fs-tar.js';

function keepOnly(abs: string, isDir: boolean): void {
  for (const name of llistxattr(abs)) {
    if (name === CAPABILITY) continue;
    if (isDir && name === OPAQUE_XATTR && isOpaque(abs)) continue;
    lremovexattr(abs, name);
  }
}

/** Normalizes the tree at `root` (root included) in place; children before their directory. */
export function normalizeUpper(root: string): void {
  const visit = (abs: string): void => {
    const st = lstatSync(abs);
    if (st.isSocket()) {
      unlinkSync(abs);
      return;
    }
    const isDir = st.isDirectory();
    if (isDir) for (const name of readdirSync(abs)) visit(`${abs}/${name}`);
    keepOnly(abs, isDir);
    const whole = Math.floor(st.mtimeMs / 1000);
    lutimesSync(abs, whole, whole);
  };
  visit(root);
}
