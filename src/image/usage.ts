// Disk usage as `system df` reports it: images (layers shared between images counted once, per-image shared
// and unique sizes), plus what berth keeps beyond Docker: the layer tars as blobs, which make save and push copies.

import type { Store } from '../store/store.js';
import type { Digest } from '../digest/digest.js';
import { listImages, type ImageRow } from './list.js';

export interface ImageUsage {
  row: ImageRow;
  size: number;
  sharedSize: number;
  uniqueSize: number;
  containers: number;
}

export interface Usage {
  images: ImageUsage[];
  imageCount: number;
  activeImages: number;
  layersSize: number;
  reclaimable: number;
  blobsSize: number;
}

export async function diskUsage(store: Store, inUse: (id: Digest) => number = () => 0): Promise<Usage> {
  const records = await store.images.list();
  const layers = new Map((await store.layers.list()).map((l) => [l.chainID, l]));
  const users = new Map<Digest, number>();
  for (const r of records) for (const c of r.layers) users.set(c, (users.get(c) ?? 0) + 1);
  const rows = await listImages(store, { all: true });
  const images: ImageUsage[] = rows.map((row) => {
    const rec = records.find((r) => r.id === row.id)!;
    let shared = 0;
    let unique = 0;
    for (const c of rec.layers) {
      const s = layers.get(c)?.size ?? 0;
      if ((users.get(c) ?? 0) > 1) shared += s;
      else unique += s;
    }
    return { row, size: shared + unique, sharedSize: shared, uniqueSize: unique, containers: inUse(row.id) };
  });
  const activeLayers = new Set<Digest>();
  let active = 0;
  for (const r of records) {
    if (inUse(r.id) === 0) continue;
    active++;
    for (const c of r.layers) activeLayers.add(c);
  }
  let layersSize = 0;
  let reclaimable = 0;
  for (const [c, l] of layers) {
    layersSize += l.size;
    if (!activeLayers.has(c)) reclaimable += l.size;
  }
  let blobsSize = 0;
  for await (const b of store.content.walk()) blobsSize += b.size;
  return { images, imageCount: records.length, activeImages: active, layersSize, reclaimable, blobsSize };
}
