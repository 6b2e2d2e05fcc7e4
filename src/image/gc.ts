// Garbage collection by mark and sweep (no stored reference counts): what images, containers and live staging
// areas refer to is kept; layers and blobs only the removed images used are freed. Runs inside an exclusive store
// commit.

import { readdir, readFile } from 'node:fs/promises';
import { joinPath } from '../sys/join-path.js';
import type { Store } from '../store/store.js';
import type { Digest } from '../digest/digest.js';
import { REFS_FILE } from '../lock/staging.js';
import type { ImageRecord } from './store.js';
import { containerRefs } from '../container/refs.js';

/** Digests and chainIDs that in-flight work (staging areas) said it uses. */
async function stagingRefs(root: string): Promise<Set<string>> {
  const out = new Set<string>();
  const base = joinPath(root, 'staging');
  for (const name of await readdir(base).catch(() => [] as string[])) {
    if (name.includes('.lock')) continue;
    const text = await readFile(joinPath(base, name, REFS_FILE), 'utf8').catch(() => '');
    for (const l of text.split('\n')) if (l) out.add(l);
  }
  return out;
}

export interface Marks {
  layers: Set<Digest>;
  blobs: Set<string>;
}

/** Everything the remaining images (and in-flight work, and extra users such as containers) keep alive. */
export async function mark(store: Store, remaining: ImageRecord[], extraLayers: Digest[] = []): Promise<Marks> {
  const staging = await stagingRefs(store.root);
  const layers = new Set<Digest>(extraLayers);
  const blobs = new Set<string>(staging);
  for (const img of remaining) {
    blobs.add(img.id);
    for (const m of img.manifests ?? []) blobs.add(m);
    for (const c of img.layers) layers.add(c);
  }
  for (const s of staging) layers.add(s as Digest);
  // Containers keep the layers under their writable layers, and their image's config, even after `rmi -f`.
  for (const c of await containerRefs(store)) {
    blobs.add(c.image);
    for (let l: Digest | null = c.parentChainID; l && !layers.has(l); l = (await store.layers.get(l))?.parent ?? null) layers.add(l);
  }
  for (const l of [...layers]) {
    const rec = await store.layers.get(l);
    for (const b of rec?.blobs ?? []) blobs.add(b.digest);
  }
  return { layers, blobs };
}

/**
 * Frees the layers of `chain` (top down) that nothing marked uses, and their blobs; returns the freed chainIDs
 * in the order Docker prints them.
 */
export async function sweepChain(store: Store, chain: Digest[], marks: Marks): Promise<Digest[]> {
  const freed: Digest[] = [];
  for (const c of [...chain].reverse()) {
    if (marks.layers.has(c)) continue;
    const rec = await store.layers.get(c);
    if (!rec) continue;
    await store.layers.remove(c);
    for (const b of rec.blobs) if (!marks.blobs.has(b.digest)) await store.content.delete(b.digest);
    freed.push(c);
  }
  return freed;
}
