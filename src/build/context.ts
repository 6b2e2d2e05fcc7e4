// The build context: a directory read in place (or a tar from stdin unpacked into a private directory), walked
// once with .dockerignore applied. Gives the Dockerfile, the size Docker's CLI would send, and lstat/list of the
// included paths for COPY and ADD.

import { readFile, mkdir, symlink, chmod } from 'node:fs/promises';
import { createWriteStream, lstatSync, readdirSync, realpathSync, type Stats } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { join, posix, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { BerthError } from '../errors.js';
import { readTar } from '../archive/tar/read.js';
import { decompressStream } from '../archive/compression.js';
import { readDockerignore, type IgnoreMatcher } from './dockerignore.js';
import { contextTarSize, type TarSizeEntry } from './tar-size.js';
import type { FileHashCache } from './file-hash-cache.js';

export interface ContextEntry {
  rel: string;
  stat: Stats;
}

export class BuildContext {
  /** Included entries in walk order (Go's filepath.Walk: lexical, parents first). */
  readonly entries: ContextEntry[] = [];
  private readonly byPath = new Map<string, ContextEntry>();

  /** Content hashes of this context's files kept from earlier builds (a directory context's; none for a tar's). */
  hashes: FileHashCache | null = null;

  private constructor(
    readonly dir: string,
    readonly ignore: IgnoreMatcher | null,
  ) {}

  /**
   * Walks the context synchronously: the walk is one lstat after another either way, and each costs a round trip
   * through the thread pool otherwise (most of a fully cached rebuild's reading).
   */
  static async open(dir: string): Promise<BuildContext> {
    const abs = resolve(dir);
    const st = lstatOrNull(abs);
    if (!st) throw new BerthError('NOT_FOUND', `unable to prepare context: path ${JSON.stringify(dir)} not found`);
    if (!st.isDirectory()) throw new BerthError('INVALID_ARGUMENT', `unable to prepare context: context must be a directory: ${abs}`);
    const ctx = new BuildContext(realpathSync(abs), readDockerignore(abs));
    ctx.walk('');
    return ctx;
  }

  private walk(relDir: string): void {
    const names = readdirSync(join(this.dir, relDir)).sort();
    for (const name of names) {
      const rel = relDir ? `${relDir}/${name}` : name;
      const stat = lstatSync(join(this.dir, rel));
      const excluded = this.ignore?.ignores(rel) ?? false;
      if (!excluded) {
        const e = { rel, stat };
        this.entries.push(e);
        this.byPath.set(rel, e);
      }
      if (stat.isDirectory() && (!excluded || this.ignore?.hasExceptions)) this.walk(rel);
    }
  }

  /** The included entry at a cleaned context-relative path ('' is the root). */
  get(rel: string): ContextEntry | undefined {
    return this.byPath.get(rel);
  }

  /** Included entries under `rel` (a directory), in walk order. */
  under(rel: string): ContextEntry[] {
    const prefix = rel ? rel + '/' : '';
    return this.entries.filter((e) => e.rel.startsWith(prefix));
  }

  path(rel: string): string {
    return join(this.dir, rel);
  }

  /** What Docker's CLI would send; the Dockerfile and .dockerignore are always sent. */
  sendSize(dockerfileRel: string | null): number {
    const always = new Set(['.dockerignore', ...(dockerfileRel ? [dockerfileRel] : [])]);
    const list: TarSizeEntry[] = [];
    const extra: ContextEntry[] = [];
    for (const rel of always) if (!this.byPath.has(rel)) extra.push(...this.extraEntry(rel));
    for (const e of [...this.entries, ...extra].sort((a, b) => cmpWalk(a.rel, b.rel))) list.push(sizeEntry(e));
    return contextTarSize(list);
  }

  private extraEntry(rel: string): ContextEntry[] {
    try {
      return [{ rel, stat: lstatSync(join(this.dir, rel)) }];
    } catch {
      return [];
    }
  }
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/** Walk order: compare path components, so `a/b` comes before `a.b` as Go's Walk lists them. */
function cmpWalk(a: string, b: string): number {
  const pa = a.split('/');
  const pb = b.split('/');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
  }
  return pa.length - pb.length;
}

function sizeEntry(e: ContextEntry): TarSizeEntry {
  const s = e.stat;
  if (s.isDirectory()) return { name: e.rel + '/', kind: 'dir', size: 0 };
  if (s.isSymbolicLink()) return { name: e.rel, kind: 'symlink', size: 0 };
  if (s.isFile()) return { name: e.rel, kind: 'file', size: s.size, inode: s.nlink > 1 ? `${s.dev}:${s.ino}` : undefined };
  return { name: e.rel, kind: 'other', size: 0 };
}

/** A context tar (plain or compressed) from stdin, unpacked into `dir` with every name kept inside it. */
export async function unpackContextTar(input: Readable, dir: string): Promise<void> {
  const { stream } = await decompressStream(input);
  for await (const entry of readTar(stream)) {
    const name = posix.normalize(entry.name).replace(/\/+$/, '');
    if (!name || name === '.') {
      entry.body.resume();
      continue;
    }
    if (name.startsWith('/') || name === '..' || name.startsWith('../')) {
      throw new BerthError('INVALID_ARGUMENT', `invalid context tar: entry ${JSON.stringify(entry.name)} leaves the context`);
    }
    const target = join(dir, name);
    await mkdir(join(target, '..'), { recursive: true });
    if (entry.type === 'directory') {
      await mkdir(target, { recursive: true });
      await chmod(target, entry.mode & 0o7777);
    } else if (entry.type === 'symlink') {
      await symlink(entry.linkname, target);
    } else if (entry.type === 'file') {
      await pipeline(entry.body, createWriteStream(target, { mode: 0o600 }));
      await chmod(target, entry.mode & 0o7777);
      continue;
    }
    entry.body.resume();
  }
}

export async function readContextFile(path: string): Promise<Buffer | null> {
  return readFile(path).catch(() => null);
}
