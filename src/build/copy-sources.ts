// COPY/ADD sources as the classic builder resolves them (moby builder/dockerfile/copy.go): a path or wildcard in
// the build context or in another stage's/image's filesystem, symlinks on the way followed inside that root, each
// with its cache hash (`file:`/`dir:`), and the hash of the whole instruction (`multi:` for several sources).

import type { Stats } from 'node:fs';
import { lstat, readlink } from 'node:fs/promises';
import { posix } from 'node:path';
import { BerthError } from '../errors.js';
import type { BuildContext } from './context.js';
import type { ImageFS } from './image-fs.js';
import { CONTEXT_HEADER, daemonHeader, fileHash, hashStringSlice, type HashHeader } from './file-hash.js';
import { containsWildcards, goMatch } from './glob.js';
import type { FileHashCache } from './file-hash-cache.js';

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
  /** Hashes kept from earlier builds (the build context's), if any. */
  readonly hashes?: FileHashCache | null;
  /** The header a file's hash is taken from (see HashHeader). */
  header(st: Stats): HashHeader;
  find(rel: string): Promise<SourceEntry | null>;
  /** Entries under `rel` (not itself), parents first. */
  walk(rel: string): Promise<SourceEntry[]>;
}

export interface CopyInfo {
  /** What is copied: the source path with its symlinks followed. */
  src: SourceEntry;
  fs: SourceFS;
  hash: string;
  /** The name a file gets in a destination directory: the source's own, even when it was a symlink. */
  name?: string;
}

export function contextFS(ctx: BuildContext): SourceFS {
  return {
    label: 'context',
    hashes: ctx.hashes,
    header: () => CONTEXT_HEADER,
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
    header: (st) => daemonHeader(st.uid, st.gid),
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
export function cleanSource(orig: string, cmd = 'COPY'): string {
  const n = posix.normalize(orig.replace(/^\/+/, '') || '.');
  if (n === '..' || n.startsWith('../')) throw new BerthError('INVALID_ARGUMENT', `${cmd} failed: forbidden path outside the build context: ${orig} ()`);
  return n === '.' ? '' : n.replace(/\/+$/, '');
}

/**
 * `rel` with every symlink on the way followed inside the source's root (absolute targets start from the root, `..`
 * stops there), as the daemon resolves a source path (moby's FollowSymlinkInScope); null when a part is missing.
 */
export async function followInScope(fs: SourceFS, rel: string): Promise<SourceEntry | null> {
  let rest = rel.split('/').filter((p) => p && p !== '.');
  const done: string[] = [];
  for (let hops = 0; rest.length > 0; ) {
    const part = rest.shift()!;
    if (part === '..') {
      done.pop();
      continue;
    }
    const e = await fs.find([...done, part].join('/'));
    if (!e) return null;
    if (!e.stat.isSymbolicLink()) {
      done.push(part);
      continue;
    }
    if (++hops > 255) return null;
    const target = await readlink(e.path);
    if (target.startsWith('/')) done.length = 0;
    rest = [...target.split('/').filter((p) => p && p !== '.'), ...rest];
  }
  return fs.find(done.join('/'));
}

/**
 * A source's hash as the daemon keeps it per path (moby remotecontext Hash): that of the path with symlinks followed,
 * or the path itself when that leads nowhere.
 */
async function entryHash(fs: SourceFS, e: SourceEntry): Promise<string> {
  const to = e.stat.isSymbolicLink() ? await followInScope(fs, e.rel) : e;
  return to ? fileHash(to.path, to.rel, to.stat, fs.header(to.stat), fs.hashes) : e.rel;
}

/** `src` has its symlinks followed already; `name` is the source's own name. */
async function infoFor(fs: SourceFS, src: SourceEntry, name: string): Promise<CopyInfo> {
  if (!src.stat.isDirectory()) return { src, fs, name, hash: 'file:' + (await entryHash(fs, src)) };
  const subs: string[] = [];
  const all = src.rel === '' ? await fs.walk('') : [src, ...(await fs.walk(src.rel))];
  for (const e of all) subs.push(await entryHash(fs, e));
  return { src, fs, name, hash: hashStringSlice('dir', subs.sort()) };
}

const notFound = (fs: SourceFS, cmd: string, rel: string) =>
  new BerthError('NOT_FOUND', `${cmd} failed: ${fs.label === 'context' ? 'file not found in build context or excluded by .dockerignore: ' : ''}stat ${rel || '.'}: file does not exist`);

export async function resolveSources(fs: SourceFS, sources: string[], cmd: string): Promise<CopyInfo[]> {
  const infos: CopyInfo[] = [];
  for (const orig of sources) {
    const rel = cleanSource(orig, cmd);
    const matches = containsWildcards(rel) ? (await fs.walk('')).filter((e) => goMatch(rel, e.rel)).map((e) => e.rel) : [rel];
    for (const m of matches) {
      const src = await followInScope(fs, m);
      if (!src) throw notFound(fs, cmd, m);
      infos.push(await infoFor(fs, src, posix.basename(m)));
    }
  }
  if (infos.length === 0) throw new BerthError('NOT_FOUND', `${cmd} failed: no source files were specified`);
  return infos;
}

/** The hash the history row and the cache key carry. */
export function sourcesHash(infos: CopyInfo[]): string {
  return infos.length === 1 ? infos[0].hash : hashStringSlice('multi', infos.map((i) => i.hash));
}
