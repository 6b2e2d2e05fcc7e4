// Reading a file of a container's root filesystem without mounting it: look through the layer directories from
// the top down; an overlay whiteout (a 0/0 character device) hides what is below.

import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Stats } from 'node:fs';

/** The top-most entry for `rel` (no leading slash) among `dirs` (top first), or null if absent or whited out. */
export async function lookupInLayers(dirs: readonly string[], rel: string): Promise<{ path: string; stat: Stats } | null> {
  for (const d of dirs) {
    const p = join(d, rel);
    const st = await lstat(p).catch(() => null);
    if (!st) continue;
    if (st.isCharacterDevice() && st.rdev === 0) return null;
    return { path: p, stat: st };
  }
  return null;
}

/** The text of a regular file in the layered tree, or null. */
export async function readFromLayers(dirs: readonly string[], rel: string): Promise<string | null> {
  const hit = await lookupInLayers(dirs, rel);
  if (!hit || !hit.stat.isFile()) return null;
  return readFile(hit.path, 'utf8').catch(() => null);
}
