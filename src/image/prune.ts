// `image prune`: remove dangling images (no tag, no child), or with `all` every image no container uses, through
// the same path as rmi; the space reclaimed is what the freed layers held.

import type { Store } from '../store/store.js';
import type { Digest } from '../digest/digest.js';
import { removeImage, type ImageUser, type RemoveEvent } from './remove.js';
import { imageUser } from '../container/refs.js';

export interface PruneResult {
  events: RemoveEvent[];
  reclaimed: number;
}

export async function pruneImages(
  store: Store,
  opts: {
    all?: boolean;
    inUse?: (id: Digest) => Promise<ImageUser | null>;
    /** Only images this keeps (the prune filters: their labels and creation time), given the image's config. */
    match?: (config: { created?: string; config?: { Labels?: Record<string, string> | null } }) => boolean;
  } = {},
): Promise<PruneResult> {
  const inUse = opts.inUse ?? ((id: Digest) => imageUser(store, id));
  const before = new Map((await store.layers.list()).map((l) => [l.chainID, l.size]));
  const events: RemoveEvent[] = [];
  const images = await store.images.list();
  const tags = await store.images.tags(true);
  const parents = new Set(images.map((i) => i.parent).filter(Boolean));
  for (const img of images) {
    if (parents.has(img.id)) continue;
    if (await inUse(img.id)) continue;
    const refs = Object.keys(tags).filter((t) => tags[t] === img.id).sort();
    if (!opts.all && (refs.length > 0 || img.repoDigests.length > 0)) continue;
    if (opts.match && !opts.match(JSON.parse((await store.content.read(img.id)).toString('utf8')))) continue;
    for (const ref of [...refs, ...img.repoDigests]) events.push(...(await removeImage(store, ref, { inUse })));
    if (await store.images.get(img.id)) events.push(...(await removeImage(store, img.id, { inUse })));
  }
  const after = new Set((await store.layers.list()).map((l) => l.chainID));
  let reclaimed = 0;
  for (const [chainID, size] of before) if (!after.has(chainID)) reclaimed += size;
  return { events, reclaimed };
}
