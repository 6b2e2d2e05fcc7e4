// A read-only view of an image's root filesystem straight from its layer directories (overlay form: 0:0
// character devices are whiteouts, `trusted.overlay.opaque=y` hides lower layers), without mounting anything.
// COPY --from reads through it, and COPY/WORKDIR ask it what already exists below the new layer.

import { lstat, readdir } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../store/store.js';
import type { Digest } from '../digest/digest.js';
import { lgetxattr } from '../sys/xattr.js';

export interface FoundEntry {
  /** Where the entry's bytes are on disk. */
  path: string;
  stat: Stats;
}

const isWhiteout = (st: Stats) => st.isCharacterDevice() && st.rdev === 0;

function isOpaque(path: string): boolean {
  try {
    return lgetxattr(path, 'trusted.overlay.opaque')?.toString() === 'y';
  } catch {
    return false;
  }
}

const split = (rel: string) => rel.split('/').filter((p) => p && p !== '.');

export class ImageFS {
  /** Layer directories, top first. */
  constructor(readonly layers: string[]) {}

  static forChain(store: Store, chain: Digest[]): ImageFS {
    return new ImageFS([...chain].reverse().map((c) => store.layers.diffDir(c)));
  }

  async find(rel: string): Promise<FoundEntry | null> {
    const parts = split(rel);
    for (const layer of this.layers) {
      let opaque = false;
      let missing = false;
      for (let i = 1; i < parts.length; i++) {
        const p = join(layer, ...parts.slice(0, i));
        const st = await lstat(p).catch(() => null);
        if (!st) {
          missing = true;
          break;
        }
        if (isWhiteout(st) || !st.isDirectory()) return null;
        if (isOpaque(p)) opaque = true;
      }
      if (!missing) {
        const full = join(layer, ...parts);
        const st = await lstat(full).catch(() => null);
        if (st) return isWhiteout(st) ? null : { path: full, stat: st };
      }
      if (opaque) return null;
    }
    return null;
  }

  /** Names in a directory of the merged tree. */
  async list(rel: string): Promise<string[]> {
    const names = new Set<string>();
    for (const layer of this.layers) {
      const dir = join(layer, ...split(rel));
      for (const n of await readdir(dir).catch(() => [] as string[])) names.add(n);
      if (isOpaque(dir)) break;
    }
    const out: string[] = [];
    for (const n of [...names].sort()) if (await this.find(rel ? `${rel}/${n}` : n)) out.push(n);
    return out;
  }

  /** Everything under `rel` (not `rel` itself), parents first, names sorted. */
  async walk(rel: string): Promise<{ rel: string; entry: FoundEntry }[]> {
    const out: { rel: string; entry: FoundEntry }[] = [];
    const visit = async (dir: string) => {
      for (const n of await this.list(dir)) {
        const r = dir ? `${dir}/${n}` : n;
        const entry = (await this.find(r))!;
        out.push({ rel: r, entry });
        if (entry.stat.isDirectory()) await visit(r);
      }
    };
    await visit(split(rel).join('/'));
    return out;
  }
}
