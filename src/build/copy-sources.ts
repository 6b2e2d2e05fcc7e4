// COPY/ADD sources as the classic builder resolves them (moby builder/dockerfile/copy.go): a path or wildcard in
// the build context or in another stage's/image's filesystem, each with its cache hash (`file:`/`dir:`), and the
// hash of the whole instruction (`multi:` for several sources).

import type { Stats } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { posix } from 'node:path';
import { BerthError } from '../errors.js';
import type { BuildContext } from './context.js';
import type { ImageFS } from './image-fs.js';
import { fileHash, hashStringSlice } from './file-hash.js';
import { containsWildcards, goMatch } from './glob.js';

export interface SourceEntry {
  /** Path relative to the source root, no leading slash ('' is the root). */
  rel: string;
  /** Where the bytes are on disk. */
  path: string;
  stat: Stats;
}

export interface SourceFS {
  /** `context` for the build context, else the stage or image name (for messages). */
  readonly label: string;
  /** The owner the hash records: 0:0 for the context (Docker's CLI sends it so), the file's own otherwise. */
  owner(st: Stats): { uid: number; gid: number };
  find(rel: string): Promise<SourceEntry | null>;
  /** Entries under `rel` (not itself), parents first. */
  walk(rel: string): Promise<SourceEntry[]>;
}

export interface CopyInfo {
  src: SourceEntry;
  fs: SourceFS;
  hash: string;
}

export function contextFS(ctx: BuildContext): SourceFS {
  return {
    label: 'context',
    owner: () => ({ uid: 0, gid: 0 }),
    async find(rel) {
      if (rel === '') return { rel, path: ctx.dir, stat: await lstat(ctx.dir) };
      const e = ctx.get(rel);
      return e ? { rel, path: ctx.path(rel), stat: e.stat } : null;
    },
    async walk(rel) {
      return ctx.under(rel).map((e) => ({ rel: e.rel, path: ctx.path(e.rel), stat: e.stat }));
    },
  };
}

export function imageFS(label: string, view: ImageFS): SourceFS {
  return {
    label,
    owner: (st) => ({ uid: st.uid, gid: st.gid }),
    async find(rel) {
      if (rel === '') {
        for (const l of view.layers) {
          const st = await lstat(l).catch(() => null);
          if (st) return { rel, path: l, stat: st };
        }
        return null;
      }
      const f = await view.find(rel);
      return f ? { rel, path: f.path, stat: f.stat } : null;
    },
    async walk(rel) {
      return (await view.walk(rel)).map((w) => ({ rel: w.rel, path: w.entry.path, stat: w.entry.stat }));
    },
  };
}

/** A source as written → a clean relative path; `..` may not leave the root. */
export function cleanSource(orig: string): string {
  const n = posix.normalize(orig.replace(/^\/+/, '') || '.');
  if (n === '..' || n.startsWith('../')) throw new BerthError('INVALID_ARGUMENT', `Forbidden path outside the build context: ${orig} ()`);
  return n === '.' ? '' : n.replace(/\/+$/, '');
}

async function infoFor(fs: SourceFS, src: SourceEntry): Promise<CopyInfo> {
  if (!src.stat.isDirectory()) return { src, fs, hash: 'file:' + (await fileHash(src.path, src.rel, src.stat, fs.owner(src.stat))) };
  const subs: string[] = [];
  const all = src.rel === '' ? await fs.walk('') : [src, ...(await fs.walk(src.rel))];
  for (const e of all) subs.push(await fileHash(e.path, e.rel, e.stat, fs.owner(e.stat)));
  return { src, fs, hash: hashStringSlice('dir', subs.sort()) };
}

export async function resolveSources(fs: SourceFS, sources: string[], cmd: string): Promise<CopyInfo[]> {
  const infos: CopyInfo[] = [];
  for (const orig of sources) {
    const rel = cleanSource(orig);
    if (containsWildcards(rel)) {
      for (const e of await fs.walk('')) if (goMatch(rel, e.rel)) infos.push(await infoFor(fs, e));
      continue;
    }
    const src = await fs.find(rel);
    if (!src) {
      const what = fs.label === 'context' ? 'file not found in build context or excluded by .dockerignore: ' : '';
      throw new BerthError('NOT_FOUND', `${cmd} failed: ${what}stat ${rel || '.'}: file does not exist`);
    }
    infos.push(await infoFor(fs, src));
  }
  if (infos.length === 0) throw new BerthError('NOT_FOUND', `${cmd} failed: no source files were specified`);
  return infos;
}

/** The hash the history row and the cache key carry. */
export function sourcesHash(infos: CopyInfo[]): string {
  return infos.length === 1 ? infos[0].hash : hashStringSlice('multi', infos.map((i) => i.hash));
}
