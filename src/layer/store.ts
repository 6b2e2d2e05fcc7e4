// Layer records and directories, keyed by chainID: <root>/layers/<hex>.json says what the layer is (diffID,
// parent, size, the blob that holds its tar); <root>/overlay/<hex>/diff is its unpacked tree, which the union
// filesystem mounts directly. A record exists only once its directory is complete.

import { mkdirSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, symlink, writeFile, readlink, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { joinPath } from '../sys/join-path.js';
import { hex, isDigest, type Digest } from '../digest/digest.js';
import { readJSONFile, writeFileAtomic, TMP_MARK } from '../content/atomic-file.js';

export interface LayerBlob {
  digest: Digest;
  size: number;
  mediaType: string;
  /** Repositories (`host/path`) known to hold this blob: a push mounts it from there instead of sending it. */
  repos?: string[];
}

export interface LayerRecord {
  chainID: Digest;
  diffID: Digest;
  parent: Digest | null;
  /** Bytes of the uncompressed layer tar (the diffID's input). */
  tarSize: number;
  /** Bytes of the unpacked layer as Docker counts them (FORMATS.md "Sizes"). */
  size: number;
  /** The tar as received (compressed or not); the first entry is the one save/push use by default. */
  blobs: LayerBlob[];
  created: string;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A 26-character [A-Z2-7] short name for a layer directory (Docker's overlay2 `l/` links). */
export function shortLink(chainID: Digest): string {
  const h = createHash('sha256').update(chainID).digest();
  let out = '';
  for (let i = 0; i < 26; i++) out += BASE32[h[i] & 31];
  return out;
}

export class LayerStore {
  readonly recordsDir: string;
  readonly driverDir: string;

  constructor(readonly root: string) {
    this.recordsDir = joinPath(root, 'layers');
    this.driverDir = joinPath(root, 'overlay');
  }

  /**
   * Makes the directories; true when the driver directory was made now (a new store). Synchronous: part of every
   * command's start, where a few syscalls cost less than thread-pool round trips.
   */
  init(): boolean {
    mkdirSync(this.recordsDir, { recursive: true });
    const made = mkdirSync(joinPath(this.driverDir, 'l'), { recursive: true });
    return made !== undefined && !made.startsWith(joinPath(this.driverDir, 'l'));
  }

  recordPath(chainID: Digest): string {
    return joinPath(this.recordsDir, `${hex(chainID)}.json`);
  }

  home(chainID: Digest): string {
    return joinPath(this.driverDir, hex(chainID));
  }

  /** The layer's unpacked tree. */
  diffDir(chainID: Digest): string {
    return joinPath(this.home(chainID), 'diff');
  }

  get(chainID: Digest): Promise<LayerRecord | null> {
    return readJSONFile<LayerRecord>(this.recordPath(chainID));
  }

  async has(chainID: Digest): Promise<boolean> {
    return stat(this.recordPath(chainID)).then(
      () => true,
      () => false,
    );
  }

  async list(): Promise<LayerRecord[]> {
    const out: LayerRecord[] = [];
    for (const name of await readdir(this.recordsDir)) {
      if (!name.endsWith('.json')) continue;
      const r = await readJSONFile<LayerRecord>(joinPath(this.recordsDir, name));
      if (r) out.push(r);
    }
    return out;
  }

  /** The chain from the bottom layer up to `chainID`. */
  async chain(chainID: Digest): Promise<LayerRecord[]> {
    const out: LayerRecord[] = [];
    for (let c: Digest | null = chainID; c; ) {
      const r = await this.get(c);
      if (!r) throw new Error(`layer ${c} not found`);
      out.unshift(r);
      c = r.parent;
    }
    return out;
  }

  /**
   * Moves a fully unpacked directory into place as layer `rec.chainID` and writes its record last.
   * Call with the store lock held exclusively. If the layer already exists, the staged copy is left alone.
   */
  async commit(staged: string, rec: LayerRecord): Promise<boolean> {
    if (await this.has(rec.chainID)) return false;
    const home = this.home(rec.chainID);
    await rm(home, { recursive: true, force: true });
    await mkdir(home, { mode: 0o700 });
    await rename(staged, joinPath(home, 'diff'));
    const link = shortLink(rec.chainID);
    await writeFile(joinPath(home, 'link'), link);
    await rm(joinPath(this.driverDir, 'l', link), { force: true });
    await symlink(`../${hex(rec.chainID)}/diff`, joinPath(this.driverDir, 'l', link));
    if (rec.parent) {
      const lowers = (await this.chain(rec.parent)).reverse().map((r) => `l/${shortLink(r.chainID)}`);
      await writeFile(joinPath(home, 'lower'), lowers.join(':'));
    }
    await writeFileAtomic(this.recordPath(rec.chainID), JSON.stringify(rec));
    return true;
  }

  /** Adds another blob that holds the same layer (e.g. a compressed copy made for push). Exclusive lock held. */
  async addBlob(chainID: Digest, blob: LayerBlob): Promise<void> {
    const rec = await this.get(chainID);
    if (!rec || rec.blobs.some((b) => b.digest === blob.digest)) return;
    rec.blobs.push(blob);
    await writeFileAtomic(this.recordPath(chainID), JSON.stringify(rec));
  }

  /** Remembers that repository `repo` (`host/path`) holds blob `digest` of the layer. Exclusive lock held. */
  async noteBlobRepo(chainID: Digest, digest: Digest, repo: string): Promise<void> {
    const rec = await this.get(chainID);
    const blob = rec?.blobs.find((b) => b.digest === digest);
    if (!rec || !blob || blob.repos?.includes(repo)) return;
    blob.repos = [...(blob.repos ?? []), repo].slice(-16);
    await writeFileAtomic(this.recordPath(chainID), JSON.stringify(rec));
  }

  /** Removes the record first, then the directory. Exclusive lock held. */
  async remove(chainID: Digest): Promise<void> {
    await rm(this.recordPath(chainID), { force: true });
    await this.removeDir(hex(chainID));
  }

  private async removeDir(id: string): Promise<void> {
    const home = joinPath(this.driverDir, id);
    const link = await readlinkFile(joinPath(home, 'link'));
    if (link) await rm(joinPath(this.driverDir, 'l', link), { force: true });
    await rm(home, { recursive: true, force: true });
  }

  /** Directories without a record (a commit or removal cut short), dangling short links, temp files. */
  async sweepIncomplete(): Promise<string[]> {
    const removed: string[] = [];
    for (const name of await readdir(this.driverDir)) {
      if (name === 'l') continue;
      // A container's writable layer (snapshot/overlay.ts) has a work/ directory; image layers never do.
      if (await stat(joinPath(this.driverDir, name, 'work')).then((s) => s.isDirectory(), () => false)) continue;
      const d = `sha256:${name}`;
      if (!isDigest(d) || !(await this.has(d))) {
        await this.removeDir(name);
        removed.push(joinPath(this.driverDir, name));
      }
    }
    for (const name of await readdir(joinPath(this.driverDir, 'l'))) {
      const p = joinPath(this.driverDir, 'l', name);
      const target = await readlink(p).catch(() => null);
      const ok = target && (await stat(joinPath(this.driverDir, 'l', target)).then(() => true, () => false));
      if (!ok) {
        await rm(p, { force: true });
        removed.push(p);
      }
    }
    for (const name of await readdir(this.recordsDir)) {
      if (name.includes(TMP_MARK)) {
        await rm(joinPath(this.recordsDir, name), { force: true });
        removed.push(joinPath(this.recordsDir, name));
      }
    }
    return removed;
  }
}

async function readlinkFile(p: string): Promise<string | null> {
  return readFile(p, 'utf8').then(
    (s) => s.trim() || null,
    () => null,
  );
}
