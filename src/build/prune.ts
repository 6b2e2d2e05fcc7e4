// `builder prune`: the classic builder's cache is made of images, so pruning it removes the untagged images that
// builds left as leaves (a failed build's steps, the chain a rebuild replaced), with their untagged parents.

import type { Store } from '../store/store.js';
import type { Digest } from '../digest/digest.js';
import { removeImage } from '../image/remove.js';
import { rm } from 'node:fs/promises';
import { parsedPlansDir } from './parsed-plans.js';
import { fileHashesDir } from './file-hash-cache.js';

/** `until` (ms since the epoch): only cache made before it goes. */
export async function pruneBuildCache(store: Store, opts: { until?: number } = {}): Promise<{ removed: Digest[]; reclaimed: number }> {
  const before = new Map((await store.layers.list()).map((l) => [l.chainID, l.size]));
  const removed: Digest[] = [];
  const images = await store.images.list();
  const tags = new Set(Object.values(await store.images.tags(true)));
  const parents = new Set(images.map((i) => i.parent).filter(Boolean));
  for (const img of images) {
    if (!img.parent || parents.has(img.id) || tags.has(img.id) || img.repoDigests.length) continue;
    if (opts.until !== undefined) {
      const created = Date.parse(JSON.parse((await store.content.read(img.id)).toString('utf8')).created ?? '');
      if (!(created < opts.until)) continue;
    }
    const events = await removeImage(store, img.id).catch(() => []);
    for (const e of events) if (e.kind === 'Deleted' && e.value.startsWith('sha256:')) removed.push(e.value as Digest);
  }
  // The Dockerfiles kept parsed go too (all of them, without `until`): they are cache as well, and cost nothing to
  // make again.
  if (opts.until === undefined) {
    await rm(parsedPlansDir(store.root), { recursive: true, force: true });
    await rm(fileHashesDir(store.root), { recursive: true, force: true });
  }
  const after = new Set((await store.layers.list()).map((l) => l.chainID));
  let reclaimed = 0;
  for (const [chainID, size] of before) if (!after.has(chainID)) reclaimed += size;
  return { removed: removed.filter((d) => !before.has(d)), reclaimed };
}
