// Image records and tags: <root>/images/<id-hex>.json per image (layers by chainID, RepoDigests, parent, tag time;
// a later tag time may sit beside it in <id-hex>.tagtime), <root>/repositories.json mapping full references to image
// IDs. The config is the blob whose digest is the image ID. Writers hold the store lock; tags are written last.

import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { joinPath } from '../sys/join-path.js';
import { hex, isDigest, type Digest } from '../digest/digest.js';
import { readJSONFile, writeFileAtomic, TMP_MARK } from '../content/atomic-file.js';

export interface ImageRecord {
  id: Digest;
  /** chainIDs bottom to top (derived from the config's rootfs.diff_ids, kept for GC and listing). */
  layers: Digest[];
  repoDigests: string[];
  /** Manifest blobs kept for this image (pulled or pushed), by digest. */
  manifests?: Digest[];
  parent?: Digest;
  /** When this store got the image (RFC 3339). */
  added: string;
  lastTagTime?: string;
}

interface TagIndex {
  refs: Record<string, Digest>;
}

export class ImageStore {
  readonly dir: string;
  readonly tagsPath: string;
  private tagCache: TagIndex | null = null;

  constructor(readonly root: string) {
    this.dir = joinPath(root, 'images');
    this.tagsPath = joinPath(root, 'repositories.json');
  }

  init(): void {
    mkdirSync(this.dir, { recursive: true });
  }

  recordPath(id: Digest): string {
    return joinPath(this.dir, `${hex(id)}.json`);
  }

  private tagTimePath(id: Digest): string {
    return joinPath(this.dir, `${hex(id)}.tagtime`);
  }

  get(id: Digest): Promise<ImageRecord | null> {
    return readJSONFile<ImageRecord>(this.recordPath(id));
  }

  async ids(): Promise<Digest[]> {
    const out: Digest[] = [];
    for (const name of await readdir(this.dir)) {
      const d = `sha256:${name.slice(0, -5)}`;
      if (name.endsWith('.json') && isDigest(d)) out.push(d);
    }
    return out;
  }

  async list(): Promise<ImageRecord[]> {
    const out: ImageRecord[] = [];
    for (const id of await this.ids()) {
      const r = await this.get(id);
      if (r) out.push(r);
    }
    return out;
  }

  /** Exclusive lock held. */
  async put(rec: ImageRecord): Promise<void> {
    await writeFileAtomic(this.recordPath(rec.id), JSON.stringify(rec));
  }

  /** Exclusive lock held. */
  async delete(id: Digest): Promise<void> {
    await rm(this.recordPath(id), { force: true });
    await rm(this.tagTimePath(id), { force: true });
  }

  /** When a tag last named the image: the record's time, or the later one touchTagTime left beside it. */
  async lastTagTime(rec: ImageRecord): Promise<string | undefined> {
    let side = '';
    try {
      side = readFileSync(this.tagTimePath(rec.id), 'utf8').trim();
    } catch {
      // none
    }
    const valid = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(side);
    return valid && (!rec.lastTagTime || side > rec.lastTagTime) ? side : rec.lastTagTime;
  }

  /**
   * Records `time` as the image's last tag time beside its record, for a tag that names the image already (every
   * fully cached rebuild): no lock and no sync, since a rename replaces the file whole and losing it loses only the
   * time. False when the image is gone (then nothing is left behind).
   */
  async touchTagTime(id: Digest, time: string): Promise<boolean> {
    // Synchronous: it is most of what a fully cached rebuild writes, and round trips would cost more than the writes.
    const path = this.tagTimePath(id);
    const tmp = `${path}${TMP_MARK}${process.pid}`;
    writeFileSync(tmp, `${time}\n`);
    try {
      renameSync(tmp, path);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
    if (existsSync(this.recordPath(id))) return true;
    rmSync(path, { force: true });
    return false;
  }

  async tags(fresh = false): Promise<Record<string, Digest>> {
    if (!this.tagCache || fresh) this.tagCache = (await readJSONFile<TagIndex>(this.tagsPath)) ?? { refs: {} };
    return this.tagCache.refs;
  }

  /** References (full form) that point at `id`, sorted. */
  async tagsOf(id: Digest): Promise<string[]> {
    const refs = await this.tags();
    return Object.keys(refs)
      .filter((r) => refs[r] === id)
      .sort();
  }

  /** Replaces the tag index. Exclusive lock held; re-read it fresh inside the lock before changing it. */
  async writeTags(refs: Record<string, Digest>): Promise<void> {
    const sorted: Record<string, Digest> = {};
    for (const k of Object.keys(refs).sort()) sorted[k] = refs[k];
    await writeFileAtomic(this.tagsPath, JSON.stringify({ refs: sorted }));
    this.tagCache = { refs: sorted };
  }

  async sweepTemp(): Promise<string[]> {
    const removed: string[] = [];
    for (const name of await readdir(this.dir)) {
      if (name.includes(TMP_MARK)) {
        await rm(joinPath(this.dir, name), { force: true });
        removed.push(joinPath(this.dir, name));
      }
    }
    for (const name of await readdir(this.root)) {
      if (name.startsWith('repositories.json' + TMP_MARK)) {
        await rm(joinPath(this.root, name), { force: true });
        removed.push(joinPath(this.root, name));
      }
    }
    return removed;
  }
}
