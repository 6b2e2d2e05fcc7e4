// Makes an image visible in the store at once: under the exclusive lock, staged layers become layers (chain order,
// missing implicit parents fixed up from lower layers), then the image record, then the tags, written last.

import { chmod, lchown, lstat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Store } from '../store/store.js';
import { chainIDs, sha256, type Digest } from '../digest/digest.js';
import { BerthError } from '../errors.js';
import type { UnpackedLayer } from '../layer/unpack.js';
import type { ImageRecord } from './store.js';

export interface StagedLayer {
  dir: string;
  layer: UnpackedLayer;
  /** Set once the directory was moved into the store (a staged copy serves one chain position). */
  used?: boolean;
}

export interface CommitImageInput {
  configBytes: Uint8Array;
  diffIDs: Digest[];
  /** Staged layers by diffID; layers already in the store need none. */
  staged: Map<Digest, StagedLayer>;
  /** Full references (docker.io/library/x:tag) to point at the image. */
  tags: string[];
  repoDigests?: string[];
  parent?: Digest;
  /** Re-stages a layer whose staged copy was used elsewhere in the chain (same diffID, other parent). */
  restage?: (diffID: Digest) => Promise<StagedLayer>;
}

export interface CommitImageResult {
  id: Digest;
  /** Tags that pointed at another image before, with that image's ID. */
  moved: { ref: string; old: Digest }[];
  newLayers: Digest[];
}

export async function commitImage(store: Store, input: CommitImageInput): Promise<CommitImageResult> {
  const id = sha256(input.configBytes);
  if (!(await store.content.has(id))) throw new BerthError('INTERNAL', `config blob ${id} must be stored first`);
  const chain = chainIDs(input.diffIDs);
  const newLayers: Digest[] = [];
  const result = await store.commit(async () => {
    for (let i = 0; i < chain.length; i++) {
      if (await store.layers.has(chain[i])) continue;
      let staged = input.staged.get(input.diffIDs[i]);
      if (staged?.used) staged = input.restage ? await input.restage(input.diffIDs[i]) : undefined;
      if (!staged) throw new BerthError('FAILED_PRECONDITION', `layer ${input.diffIDs[i]} is missing`);
      const parent = i > 0 ? chain[i - 1] : null;
      if (parent) await inheritImplicitDirs(store, staged, parent);
      await store.layers.commit(staged.dir, {
        chainID: chain[i],
        diffID: input.diffIDs[i],
        parent,
        size: staged.layer.size,
        tarSize: staged.layer.tarSize,
        blobs: [staged.layer.blob],
        created: new Date().toISOString(),
      });
      staged.used = true;
      newLayers.push(chain[i]);
    }
    const now = new Date().toISOString();
    const old = await store.images.get(id);
    const rec: ImageRecord = {
      id,
      layers: chain,
      repoDigests: [...new Set([...(old?.repoDigests ?? []), ...(input.repoDigests ?? [])])],
      parent: input.parent ?? old?.parent,
      added: old?.added ?? now,
      lastTagTime: input.tags.length ? now : old?.lastTagTime,
    };
    await store.images.put(rec);
    const refs = { ...(await store.images.tags(true)) };
    const moved: { ref: string; old: Digest }[] = [];
    for (const t of input.tags) {
      if (refs[t] && refs[t] !== id) moved.push({ ref: t, old: refs[t] });
      refs[t] = id;
    }
    if (input.tags.length) await store.images.writeTags(refs);
    return { id, moved, newLayers };
  });
  return result;
}

/** Directories a layer tar created only implicitly take mode and owner from the same path in the layers below. */
async function inheritImplicitDirs(store: Store, staged: StagedLayer, parent: Digest): Promise<void> {
  if (staged.layer.implicitDirs.length === 0) return;
  const lowers = (await store.layers.chain(parent)).reverse();
  for (const rel of staged.layer.implicitDirs) {
    for (const l of lowers) {
      const st = await lstat(join(store.layers.diffDir(l.chainID), rel)).catch(() => null);
      if (!st) continue;
      if (st.isDirectory()) {
        const p = join(staged.dir, rel);
        await lchown(p, st.uid, st.gid);
        await chmod(p, st.mode & 0o7777);
      }
      break;
    }
  }
}
