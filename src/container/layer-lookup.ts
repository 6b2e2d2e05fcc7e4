// Reading a file of a container's root filesystem without mounting it: what overlayfs would show at a path of the
// layer directories (top first), through lower-view's rules: whiteouts hide, and opaque directories end the merge.

import { lstatSync, type Stats } from 'node:fs';
import { lookup, rootView, type DirView } from '../layer/lower-view.js';
import { readTextOrNull } from '../sys/read-text.js';

export interface LayeredEntry {
  /** The uppermost copy: what the merged tree shows (its metadata). */
  path: string;
  stat: Stats;
  /** For a directory: the layer directories it merges, top first (what its content is made of). */
  view: string[];
}

/**
 * The entry the merged tree shows at `rel` (no leading slash) of `dirs` (top first), or null. `upperTop`: dirs[0] is
 * a writable layer's upper directory (see rootView).
 */
export function lookupInLayers(dirs: readonly string[], rel: string, opts: { upperTop?: boolean } = {}): LayeredEntry | null {
  const parts = rel.split('/').filter(Boolean);
  let view: DirView = rootView(dirs, opts);
  if (parts.length === 0) return dirs.length ? { path: dirs[0], stat: lstatSync(dirs[0]), view: [...view] } : null;
  for (let i = 0; i < parts.length; i++) {
    const last = i === parts.length - 1;
    const found = lookup(view, parts[i], true);
    if (!found) return null;
    if (last) return { path: found.abs, stat: found.st, view: found.view };
    if (!found.st.isDirectory()) return null;
    view = found.view;
  }
  return null;
}

/** The text of a regular file in the layered tree, or null. */
export async function readFromLayers(dirs: readonly string[], rel: string, opts: { upperTop?: boolean } = {}): Promise<string | null> {
  const hit = lookupInLayers(dirs, rel, opts);
  if (!hit || !hit.stat.isFile()) return null;
  return readTextOrNull(hit.path);
}
