// push: an image of the local store → a registry repository through copyImage(), under one tag. Afterwards the
// image records what was pushed (its RepoDigest and the manifest's bytes), as Docker does.

import type { Store } from '../store/store.js';
import { BerthError } from '../errors.js';
import type { Digest } from '../digest/digest.js';
import type { Reference } from '../reference/reference.js';
import type { RegistrySession } from '../transport/registry/session.js';
import { RegistryDestination } from '../transport/registry/destination.js';
import { StoreSource } from '../transport/store/source.js';
import { copyImage } from './copy-image.js';
import type { CopyEvent, CopyResult, ManifestBytes } from './types.js';

export interface PushOptions {
  onEvent?: (e: CopyEvent) => void;
  /** Upload blobs in PATCH requests of at most this many bytes. */
  chunkSize?: number;
  compressionLevel?: number;
}

export interface PushResult extends CopyResult {
  id: Digest;
  ref: Reference;
}

/** The image a tagged reference names locally, with Docker's errors when there is none. */
export async function localImageForPush(store: Store, ref: Reference): Promise<Digest> {
  const tags = await store.images.tags();
  const id = tags[ref.toString()];
  if (id && (await store.images.get(id))) return id;
  const prefix = `${ref.name}:`;
  if (Object.keys(tags).some((t) => t.startsWith(prefix))) throw new BerthError('NOT_FOUND', `tag does not exist: ${ref.familiar()}`);
  throw new BerthError('NOT_FOUND', `An image does not exist locally with the tag: ${ref.familiarName}`);
}

/** Local tags of the reference's repository, sorted (`push -a`). */
export async function localTags(store: Store, ref: Reference): Promise<string[]> {
  const prefix = `${ref.name}:`;
  return Object.keys(await store.images.tags())
    .filter((t) => t.startsWith(prefix))
    .map((t) => t.slice(prefix.length))
    .sort();
}

export async function pushImage(store: Store, session: RegistrySession, ref: Reference, opts: PushOptions = {}): Promise<PushResult> {
  const id = await localImageForPush(store, ref);
  const client = await session.client(ref.domain);
  const dst = new RegistryDestination(client, ref, { chunkSize: opts.chunkSize });
  let r: CopyResult;
  {
    await using src = await StoreSource.open(store, id);
    r = await copyImage(src, dst, {
      concurrency: session.config.maxConcurrentUploads,
      onEvent: opts.onEvent,
      compressionLevel: opts.compressionLevel,
    });
  }
  if (dst.pushed) await recordPush(store, id, `${ref.name}@${r.topDigest}`, dst.pushed);
  return { ...r, id, ref };
}

/** Adds the RepoDigest and keeps the manifest bytes with the image. */
async function recordPush(store: Store, id: Digest, repoDigest: string, m: ManifestBytes): Promise<void> {
  await using staging = await store.staging();
  await store.content.put(staging.dir, m.bytes, m.digest);
  await store.commit(async () => {
    const rec = await store.images.get(id);
    if (!rec) return;
    await store.content.ensure(staging.dir, m.digest);
    if (!rec.repoDigests.includes(repoDigest)) rec.repoDigests = [...rec.repoDigests, repoDigest];
    if (!rec.manifests?.includes(m.digest)) rec.manifests = [...(rec.manifests ?? []), m.digest];
    await store.images.put(rec);
  });
}
