// Image records and tags: <root>/images/<id-hex>.json per image (its layers by chainID, RepoDigests, parent),
// <root>/repositories.json mapping full references to image IDs. The config itself is a blob whose digest is the
// image ID. Writers hold the store lock exclusively; the tag index is written last.

import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
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
    this.dir = join(root, 'images');
    this.tagsPath = join(root, 'repositories.json');
  }

  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
  }

  recordPath(id: Digest): string {
    return join(this.dir, `${hex(id)}.json`);
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
        await rm(join(this.dir, name), { force: true });
        removed.push(join(this.dir, name));
      }
    }
    for (const name of await readdir(this.root)) {
      if (name.startsWith('repositories.json' + TMP_MARK)) {
        await rm(join(this.root, name), { force: true });
        removed.push(join(this.root, name));
      }
    }
    return removed;
  }
}
