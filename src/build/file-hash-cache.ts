// COPY/ADD source hashes of a build context kept between builds, so a rebuild neither reads unchanged files again
// nor loads node:crypto when nothing changed (~2 ms of a ~35 ms cached rebuild; a big context's whole content
// otherwise). One JSON file per context directory under <root>/builder/file-hashes/. An entry's key is everything the
// hash covers except the bytes (the header text fileHash hashes) plus the file's identity: device, inode, size, mtime
// and ctime. Changing a file's bytes always sets its ctime, which no one can set back, so a kept hash is never
// reused for other content — with git's "racy" rule: a hash is kept only for a file whose ctime was at least
// SETTLED_MS old when it was hashed (a file changed again within its timestamp's granularity would keep its
// identity). Written by rename without a sync: a lost or damaged file is only a miss.

import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import { shortKey } from '../digest/short-key.js';

export const SETTLED_MS = 2000;
/** Beyond this many entries a context's file keeps only what the last build hashed. */
const MAX_ENTRIES = 20_000;
/** Beyond this many contexts' files, the next new one clears them all. */
const MAX_CONTEXTS = 500;

type Entries = Record<string, string>;

export function fileHashesDir(root: string): string {
  return join(root, 'builder', 'file-hashes');
}

export class FileHashCache {
  private readonly path: string;
  private kept: Entries | null = null;
  private readonly fresh = new Map<string, string>();

  /** Hashes of `contextDir`'s files, kept in the store at `root`; `settledMs` is SETTLED_MS but for tests. */
  constructor(
    root: string,
    private readonly contextDir: string,
    private readonly settledMs = SETTLED_MS,
  ) {
    this.path = join(fileHashesDir(root), `${shortKey(contextDir)}.json`);
  }

  private load(): Entries {
    if (this.kept) return this.kept;
    try {
      const file = JSON.parse(readFileSync(this.path, 'utf8')) as { dir?: unknown; entries?: unknown };
      if (file.dir === this.contextDir && file.entries && typeof file.entries === 'object') this.kept = file.entries as Entries;
    } catch {
      // none yet, or unreadable: start afresh
    }
    this.kept ??= {};
    return this.kept;
  }

  /** The key of a file hashed with `header` (fileHash's header text). */
  static key(header: string, st: Stats): string {
    return `${header}\0${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
  }

  get(key: string): string | undefined {
    const hash = this.fresh.get(key) ?? this.load()[key];
    return typeof hash === 'string' ? hash : undefined;
  }

  /** Keeps `hash` if the file had settled before it was hashed at `hashedAt` (ms since the epoch). */
  put(key: string, st: Stats, hash: string, hashedAt: number): void {
    if (st.ctimeMs > hashedAt - this.settledMs) return;
    this.fresh.set(key, hash);
  }

  /** Writes the new hashes beside the kept ones. Best effort: a failure only costs the next build its hashing. */
  save(): void {
    if (this.fresh.size === 0) return;
    let entries: Entries = { ...this.load(), ...Object.fromEntries(this.fresh) };
    if (Object.keys(entries).length > MAX_ENTRIES) entries = Object.fromEntries(this.fresh);
    const tmp = `${this.path}.${process.pid}.tmp`;
    try {
      const dir = dirname(this.path);
      mkdirSync(dir, { recursive: true });
      if (!existsSync(this.path) && readdirSync(dir).length >= MAX_CONTEXTS) rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      writeFileSync(tmp, JSON.stringify({ dir: this.contextDir, entries }));
      renameSync(tmp, this.path);
    } catch {
      rmSync(tmp, { force: true });
    }
  }
}
