// `commit`: a container's writable layer becomes a new image on top of the container's image. The layer tar is made
// once, from the writable layer alone (layer/diff.ts); the layer directory is a copy of the overlay upper directory
// (or, for vfs, what that tar unpacks to); commitImage makes layer, image and tag visible.

import { rename } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { Store } from '../store/store.js';
import type { Digest } from '../digest/digest.js';
import type { Staging } from '../lock/staging.js';
import { chainIDs, sha256 } from '../digest/digest.js';
import { BerthError } from '../errors.js';
import { parseNormalizedNamed, tagNameOnly } from '../reference/normalize.js';
import { createSnapshotter } from '../snapshot/index.js';
import { layerChanges } from '../layer/changes.js';
import { isEmptyLayer, layerTar } from '../layer/diff.js';
import { unpackLayer, type UnpackedLayer } from '../layer/unpack.js';
import { normalizeUpper } from '../layer/normalize-upper.js';
import { copyTree } from '../sys/copy-tree.js';
import { treeSize } from '../snapshot/writable.js';
import { commitImage, type StagedLayer } from './commit.js';
import { claimStoredLayer } from '../store/claim-layer.js';
import { commitConfigBytes, commitContainerConfig } from './commit-config.js';
import { goTimeNow } from '../format/go-time.js';

const TAR_MEDIA_TYPE = 'application/vnd.oci.image.layer.v1.tar';

export interface CommitContainerOptions {
  /** The writable layer's key: the container's 64-hex ID. */
  key: string;
  /** The image the container was created from: the new image's parent. */
  imageID: Digest;
  /** Docker's container.Config of the container (its record's `config`). */
  config: unknown;
  /** `-m`: the history row's comment. */
  message?: string;
  /** `-a`: author of the image and of its history row. */
  author?: string;
  /** `-c`: Dockerfile instructions applied to the new image's config. */
  changes?: string[];
  /** REPOSITORY[:TAG] to point at the new image. */
  reference?: string;
  /** Pauses the container while its layer is read (`-p`); returns what resumes it. */
  pause?: () => Promise<() => Promise<void>>;
  /** The container is not running (its writable layer does not change meanwhile; a paused one counts as well). */
  stopped?: boolean;
}

/** The full reference a commit tags, or Docker's error for a bad one (checked before any work, as Docker's CLI does). */
export function parseCommitReference(reference: string): string {
  const ref = tagNameOnly(parseNormalizedNamed(reference));
  if (ref.digest) throw new BerthError('INVALID_ARGUMENT', 'refusing to create a tag with a digest reference');
  return ref.toString();
}

export interface StageWritableLayerOptions {
  /**
   * The caller removes the container right after (a build step): an overlay upper directory is moved into staging
   * instead of copied. The writable layer can't be used after that.
   */
  consume?: boolean;
  /**
   * The writable layer does not change while it is read (the container is stopped, or paused for this): the tar is
   * made from the upper directory first, and the directory is copied only if the store lacks that layer (the chain
   * of `parentDiffIDs` + its diffID). Without it the copy comes first and the tar is made from the copy.
   */
  settled?: { parentDiffIDs: Digest[] };
  /**
   * Keep the tar blob in the staging area only (the caller's commitImage gets `staging` and puts it in the store
   * under the lock): no fsync of its own, the syncfs before the records covers it, and a layer the store already
   * has leaves no blob behind.
   */
  deferBlob?: boolean;
}

/**
 * The writable layer `key` as a layer staged in `staging`, ready for commitImage; null when the container changed
 * nothing (an empty layer). An overlay upper directory already is the layer in the store's form (whiteout devices,
 * opaque xattrs, copied-up parents with their owners and modes): it is copied into staging with `cp` (moved with
 * `consume`), normalized to what its tar holds (layer/normalize-upper.ts), and the tar, made once, gives the blob and
 * the diffID; the directory and the tar can't disagree, as the tar is made from the private copy unless the layer
 * is `settled`. A layer the store already has comes back with `dir: ''` and is claimed for this staging area. A full
 * copy (vfs) goes the way every layer goes: its tar is made from the changes, hashed, kept and unpacked in one pass.
 */
export async function stageWritableLayer(store: Store, key: string, staging: Staging, opts: StageWritableLayerOptions = {}): Promise<StagedLayer | null> {
  const snap = createSnapshotter(store);
  const upper = await snap.upper(key);
  const changes = upper.kind === 'full' ? layerChanges(upper) : undefined;
  if (isEmptyLayer(upper, changes)) return null;
  if (upper.kind !== 'overlay') {
    const dir = await staging.subdir('layer');
    const layer = await unpackLayer(store.content, layerTar(upper, changes), dir, { staging: staging.dir });
    return { dir, layer };
  }
  const tarOf = async (path: string): Promise<UnpackedLayer> => {
    await using writer = await store.content.writer({ staging: staging.dir, publish: !opts.deferBlob });
    await pipeline(layerTar({ ...upper, path }), writer.stream());
    const blob = await writer.commit();
    return { diffID: blob.digest, blob: { ...blob, mediaType: TAR_MEDIA_TYPE }, tarSize: blob.size, size: 0, compression: 'none', implicitDirs: [] };
  };
  const dir = await staging.subdir('layer');
  let layer: UnpackedLayer | null = null;
  if (opts.consume) {
    await rename(upper.path, dir);
  } else {
    if (opts.settled) {
      layer = await tarOf(upper.path);
      const chain = chainIDs([...opts.settled.parentDiffIDs, layer.diffID]);
      const top = chain[chain.length - 1];
      if (await claimStoredLayer(store, staging, top)) return { dir: '', layer: { ...layer, size: (await store.layers.get(top))?.size ?? 0 } };
    }
    await copyTree(upper.path, dir, { strictXattrs: true });
  }
  normalizeUpper(dir);
  layer ??= await tarOf(dir);
  return { dir, layer: { ...layer, size: treeSize(dir) } };
}

/** Commits the container's writable layer; returns the new image ID (`sha256:…`). */
export async function commitContainer(store: Store, opts: CommitContainerOptions): Promise<Digest> {
  const tags = opts.reference ? [parseCommitReference(opts.reference)] : [];
  // Bad --change instructions fail before anything is read or written.
  commitContainerConfig(opts.config, opts.changes);
  const parentBytes = await store.content.read(opts.imageID).catch(() => {
    throw new BerthError('NOT_FOUND', `No such image: ${opts.imageID}`);
  });
  const parent = JSON.parse(parentBytes.toString('utf8')) as Record<string, unknown>;
  await using staging = await store.staging();
  const staged = new Map<Digest, StagedLayer>();
  let diffID: Digest | null = null;
  const parentDiffIDs = (parent.rootfs as { diff_ids?: Digest[] } | undefined)?.diff_ids ?? [];
  const resume = opts.pause ? await opts.pause() : null;
  try {
    const settled = opts.stopped || resume ? { parentDiffIDs } : undefined;
    const layer = await stageWritableLayer(store, opts.key, staging, { settled, deferBlob: true });
    if (layer) {
      staged.set(layer.layer.diffID, layer);
      diffID = layer.layer.diffID;
    }
  } finally {
    await resume?.();
  }

  const bytes = commitConfigBytes({
    parent,
    containerID: opts.key,
    containerConfig: opts.config,
    changes: opts.changes,
    author: opts.author,
    comment: opts.message,
    diffID,
    created: goTimeNow(),
  });
  const id = sha256(bytes);
  await store.content.put(staging.dir, bytes, id);
  const diffIDs = [...parentDiffIDs, ...(diffID ? [diffID] : [])];
  await commitImage(store, { configBytes: bytes, diffIDs, staged, tags, parent: opts.imageID, staging: staging.dir });
  return id;
}
