// Makes an image visible in the store at once: the staged trees are flushed to disk (one syncfs), then under the
// exclusive lock, with the commit's intent recorded first (store/rollback.ts), staged layers become layers (chain
// order, missing implicit parents fixed up from lower layers), then the image record, then the tags, written last.

import { chmod, lchown, lstat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { joinPath } from '../sys/join-path.js';
import type { Store } from '../store/store.js';
import { chainIDs, sha256, type Digest } from '../digest/digest.js';
import { BerthError } from '../errors.js';
import type { UnpackedLayer } from '../layer/unpack.js';
import { syncFilesystem } from '../sys/syncfs.js';
import { crashPoint } from '../lock/crash-point.js';
import { MAX_LAYER_DEPTH } from '../snapshot/snapshotter.js';
import { maxDepthExceeded } from '../snapshot/image-layers.js';
import type { ImageRecord } from './store.js';

export interface StagedLayer {
  dir: string;
  layer: UnpackedLayer;
  /** Set once the directory was moved into the store (a staged copy serves one chain position). */
  used?: boolean;
  /** Repositories (`host/path`) known to hold the layer's blob, kept for cross-repository mounts on push. */
  repos?: string[];
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
  /**
   * The staging area (its directory) whose writers committed the config and layer blobs: a blob that a concurrent
   * GC removed meanwhile is put back from there before any record refers to it.
   */
  staging?: string;
  /** Manifest (and index) blobs, already stored, to keep with the image (a pull's). */
  manifests?: Digest[];
  /** Record the tagging time (Metadata.LastTagTime) when tags are given; Docker's load does not (default true). */
  touchTagTime?: boolean;
}

export interface CommitImageResult {
  id: Digest;
  /** Tags that pointed at another image before, with that image's ID. */
  moved: { ref: string; old: Digest }[];
  newLayers: Digest[];
}

export async function commitImage(store: Store, input: CommitImageInput): Promise<CommitImageResult> {
  const id = sha256(input.configBytes);
  // Docker's layer store refuses a chain deeper than a container could mount, whether loaded, pulled or built.
  if (input.diffIDs.length > MAX_LAYER_DEPTH) throw maxDepthExceeded();
  const chain = chainIDs(input.diffIDs);
  const newLayers: Digest[] = [];
  // Records are written only once the unpacked trees are durable (a layer the store already had, claimed with
  // `dir: ''`, has nothing new to flush).
  if ([...input.staged.values()].some((s) => s.dir !== '')) await syncFilesystem(store.root);
  const result = await store.commit(async (tx) => {
    if (input.staging) await store.content.ensure(input.staging, id);
    else if (!(await store.content.has(id))) throw new BerthError('INTERNAL', `config blob ${id} must be stored first`);
    if (input.staging) for (const m of input.manifests ?? []) await store.content.ensure(input.staging, m);
    const missing: number[] = [];
    for (let i = 0; i < chain.length; i++) if (!(await store.layers.has(chain[i]))) missing.push(i);
    const old = await store.images.get(id);
    await tx.intend('layers', missing.map((i) => chain[i]));
    if (!old) await tx.intend('images', [id]);
    for (const i of missing) {
      let staged = input.staged.get(input.diffIDs[i]);
      // A staged copy serves one chain position; one without a directory was only verified (its layer was stored).
      if (staged?.used || staged?.dir === '') {
        staged = input.restage ? await input.restage(input.diffIDs[i]) : undefined;
        // Unpacked after the syncfs above: made durable before a record refers to it (a rare path: the same layer
        // on two chains, or a known layer removed meanwhile).
        if (staged) await syncFilesystem(store.root);
      }
      if (!staged) throw new BerthError('FAILED_PRECONDITION', `layer ${input.diffIDs[i]} is missing`);
      if (input.staging) await store.content.ensure(input.staging, staged.layer.blob.digest);
      const parent = i > 0 ? chain[i - 1] : null;
      if (parent) await inheritImplicitDirs(store, staged, parent);
      const { digest, size, mediaType } = staged.layer.blob;
      await store.layers.commit(staged.dir, {
        chainID: chain[i],
        diffID: input.diffIDs[i],
        parent,
        size: staged.layer.size,
        tarSize: staged.layer.tarSize,
        blobs: [staged.repos?.length ? { digest, size, mediaType, repos: staged.repos } : { digest, size, mediaType }],
        created: new Date().toISOString(),
      });
      staged.used = true;
      newLayers.push(chain[i]);
      crashPoint('layer-committed');
    }
    const now = new Date().toISOString();
    const rec: ImageRecord = {
      id,
      layers: chain,
      repoDigests: [...new Set([...(old?.repoDigests ?? []), ...(input.repoDigests ?? [])])],
      parent: input.parent ?? old?.parent,
      added: old?.added ?? now,
      lastTagTime: input.tags.length && input.touchTagTime !== false ? now : old?.lastTagTime,
    };
    const manifests = [...new Set([...(old?.manifests ?? []), ...(input.manifests ?? [])])];
    if (manifests.length) rec.manifests = manifests;
    await store.images.put(rec);
    crashPoint('image-written');
    const refs = { ...(await store.images.tags(true)) };
    const moved: { ref: string; old: Digest }[] = [];
    for (const t of input.tags) {
      if (refs[t] && refs[t] !== id) moved.push({ ref: t, old: refs[t] });
      refs[t] = id;
    }
    if (input.tags.length) await store.images.writeTags(refs);
    crashPoint('tags-written');
    return { id, moved, newLayers };
  });
  crashPoint('commit-done');
  return result;
}

/**
 * Directories a layer tar created only implicitly take mode and owner from the same path in the layers below. The
 * path is looked up one component at a time with lstat, so a symlink in a lower layer (`etc -> /`) is never
 * followed out of that layer: the topmost layer that has the path decides, and only if it is a real directory.
 */
async function inheritImplicitDirs(store: Store, staged: StagedLayer, parent: Digest): Promise<void> {
  if (staged.layer.implicitDirs.length === 0) return;
  const lowers = (await store.layers.chain(parent)).reverse();
  for (const rel of staged.layer.implicitDirs) {
    for (const l of lowers) {
      const st = await lstatInside(store.layers.diffDir(l.chainID), rel);
      if (st === undefined) continue;
      if (st?.isDirectory()) {
        const p = joinPath(staged.dir, rel);
        await lchown(p, st.uid, st.gid);
        await chmod(p, st.mode & 0o7777);
      }
      break;
    }
  }
}

/**
 * lstat of `rel` under `root` without following any link: undefined when the path is absent from this layer, null
 * when something on the way is not a directory (a symlink, a file, a whiteout), which hides the lower layers too.
 */
async function lstatInside(root: string, rel: string): Promise<Stats | null | undefined> {
  let cur = root;
  const parts = rel.split('/');
  for (let i = 0; i < parts.length; i++) {
    cur = joinPath(cur, parts[i]);
    const st = await lstat(cur).catch(() => undefined);
    if (st === undefined) return undefined;
    if (i === parts.length - 1) return st;
    if (!st.isDirectory()) return null;
  }
  return undefined;
}
