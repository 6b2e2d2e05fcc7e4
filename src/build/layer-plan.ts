// A new layer built without a container (COPY, ADD, WORKDIR): the entries to write, planned against the parent
// image so that parent directories that already exist keep their metadata (as an overlay copy-up would) and new
// ones are created 0755 for the given owner; then streamed as a tar through unpackLayer into a staged layer.

import { createReadStream } from 'node:fs';
import { readlink } from 'node:fs/promises';
import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import type { Store } from '../store/store.js';
import type { Staging } from '../lock/staging.js';
import { BerthError } from '../errors.js';
import { TarWriter, type TarWriteHeader } from '../archive/tar/write.js';
import type { TarEntry } from '../archive/tar/entry.js';
import { unpackLayer } from '../layer/unpack.js';
import { groupName, userName } from '../layer/host-names.js';
import type { StagedLayer } from '../image/commit.js';
import type { ImageFS } from './image-fs.js';
import { devMajor, devMinor } from '../sys/dev-t.js';

export interface Owner {
  uid: number;
  gid: number;
}

interface PlannedEntry {
  header: TarWriteHeader;
  /** File content on disk. */
  path?: string;
}

/** A tar stream whose entries go under `dest` (ADD of a local archive). */
interface PlannedArchive {
  dest: string;
  open: () => Promise<AsyncIterable<TarEntry>>;
  owner: Owner | null;
}

const MAX_LINKS = 40;

/** Owner names as Docker's layer tars carry them: the host's names for the ids (`root`/`root` for 0), as in RUN layers. */
function withHostNames(h: TarWriteHeader): TarWriteHeader {
  return { ...h, uname: userName(h.uid ?? 0), gname: groupName(h.gid ?? 0) };
}

export class LayerPlan {
  private readonly entries = new Map<string, PlannedEntry>();
  private readonly archives: PlannedArchive[] = [];
  private readonly written = new Set<string>();

  constructor(
    private readonly parent: ImageFS,
    private readonly owner: Owner,
  ) {}

  get isEmpty(): boolean {
    return this.entries.size === 0 && this.archives.length === 0;
  }

  /** Resolves symlinks in the directory part of an absolute path inside the parent image (scoped to its root). */
  async resolveDir(abs: string): Promise<string> {
    let parts = abs.split('/').filter(Boolean);
    let out: string[] = [];
    let hops = 0;
    while (parts.length) {
      const name = parts.shift()!;
      if (name === '.') continue;
      if (name === '..') {
        out.pop();
        continue;
      }
      const rel = [...out, name].join('/');
      const planned = this.entries.get(rel);
      const found = planned ? null : await this.parent.find(rel);
      if (found?.stat.isSymbolicLink()) {
        if (++hops > MAX_LINKS) throw new BerthError('INVALID_ARGUMENT', `too many links in ${abs}`);
        const target = await readlink(found.path);
        if (target.startsWith('/')) out = [];
        parts = [...target.split('/').filter(Boolean), ...parts];
        continue;
      }
      out.push(name);
    }
    return '/' + out.join('/');
  }

  /** Whether `abs` is a directory after the entries planned so far (or in the parent image). */
  async isDir(abs: string): Promise<boolean> {
    const rel = abs.replace(/^\/+|\/+$/g, '');
    if (rel === '') return true;
    const p = this.entries.get(rel);
    if (p) return p.header.type === 'directory';
    const f = await this.parent.find(rel);
    return !!f && f.stat.isDirectory();
  }

  /** Plans `abs` and its parents as directories: existing ones as they are, new ones 0755 for `owner`. */
  async ensureDir(abs: string, owner: Owner = this.owner, mtime = new Date()): Promise<void> {
    const parts = abs.split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) {
      const rel = parts.slice(0, i).join('/');
      const planned = this.entries.get(rel);
      if (planned) {
        if (planned.header.type !== 'directory') throw new BerthError('FAILED_PRECONDITION', `cannot copy to non-directory: /${rel}`);
        continue;
      }
      const f = await this.parent.find(rel);
      if (f && !f.stat.isDirectory()) throw new BerthError('FAILED_PRECONDITION', `cannot copy to non-directory: /${rel}`);
      const st = f?.stat;
      this.entries.set(rel, {
        header: st
          ? { name: rel + '/', type: 'directory', mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, mtime: st.mtime }
          : { name: rel + '/', type: 'directory', mode: 0o755, uid: owner.uid, gid: owner.gid, mtime },
      });
    }
  }

  /** Whether ensureDir would create anything (WORKDIR makes a layer only then). */
  async missingDirs(abs: string): Promise<boolean> {
    const parts = abs.split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) if (!(await this.parent.find(parts.slice(0, i).join('/')))) return true;
    return false;
  }

  /** Plans one entry copied from disk to `abs` (parents must be planned). */
  async addFromDisk(abs: string, path: string, st: import('node:fs').Stats, owner: Owner, chmod: number | null): Promise<void> {
    const rel = abs.replace(/^\/+/, '').replace(/\/+$/, '');
    const mode = chmod ?? st.mode & 0o7777;
    const base = { uid: owner.uid, gid: owner.gid, mtime: st.mtime };
    if (st.isDirectory()) {
      this.entries.set(rel, { header: { name: rel + '/', type: 'directory', mode, ...base } });
    } else if (st.isSymbolicLink()) {
      this.entries.set(rel, { header: { name: rel, type: 'symlink', mode: st.mode & 0o7777, linkname: await readlink(path), ...base } });
    } else if (st.isFile()) {
      this.entries.set(rel, { header: { name: rel, type: 'file', mode, size: st.size, ...base }, path });
    } else if (st.isFIFO()) {
      this.entries.set(rel, { header: { name: rel, type: 'fifo', mode, ...base } });
    } else if (st.isCharacterDevice() || st.isBlockDevice()) {
      const devmajor = devMajor(st.rdev);
      const devminor = devMinor(st.rdev);
      this.entries.set(rel, { header: { name: rel, type: st.isCharacterDevice() ? 'char' : 'block', mode, devmajor, devminor, ...base } });
    }
  }

  /** Plans the entries of a tar archive unpacked under `dest` (ADD). */
  addArchive(dest: string, open: () => Promise<AsyncIterable<TarEntry>>, owner: Owner | null): void {
    this.archives.push({ dest, open, owner });
  }

  /** Writes the planned layer into a staging directory. */
  async write(store: Store, staging: Staging): Promise<StagedLayer> {
    const dir = await staging.subdir('layer');
    const tar = new TarWriter({ modeTypeBits: true });
    const unpacking = unpackLayer(store.content, tar, dir, { staging: staging.dir });
    unpacking.catch(() => {});
    try {
      for (const e of this.entries.values()) {
        this.written.add(e.header.name.replace(/\/$/, ''));
        await tar.add(withHostNames(e.header), e.path ? createReadStream(e.path, { highWaterMark: 1 << 20 }) : undefined);
      }
      for (const a of this.archives) await this.writeArchive(tar, a);
      await tar.finish();
    } catch (e) {
      tar.destroy(e as Error);
      await unpacking.catch(() => {});
      throw e;
    }
    const layer = await unpacking;
    await staging.protect(layer.blob.digest);
    return { dir, layer };
  }

  private async writeArchive(tar: TarWriter, a: PlannedArchive): Promise<void> {
    const prefix = a.dest.replace(/^\/+|\/+$/g, '');
    for await (const e of await a.open()) {
      const name = posix.normalize(e.name).replace(/^\/+/, '').replace(/\/+$/, '');
      if (name === '..' || name.startsWith('../')) throw new BerthError('INVALID_ARGUMENT', `invalid archive entry ${JSON.stringify(e.name)}`);
      const full = name === '.' || name === '' ? prefix : prefix ? `${prefix}/${name}` : name;
      if (!full || (e.type === 'directory' && this.written.has(full))) {
        e.body.resume();
        continue;
      }
      this.written.add(full);
      const header: TarWriteHeader = {
        ...e,
        name: e.type === 'directory' ? full + '/' : full,
        linkname: e.type === 'link' ? (prefix ? `${prefix}/${posix.normalize(e.linkname).replace(/^\/+/, '')}` : e.linkname) : e.linkname,
        uid: a.owner?.uid ?? e.uid,
        gid: a.owner?.gid ?? e.gid,
        rawMode: undefined,
        pax: undefined,
      };
      await tar.add(withHostNames(header), e.type === 'file' ? (e.body as Readable) : undefined);
    }
  }
}
