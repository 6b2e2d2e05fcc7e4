// Undoing what an unfinished metadata commit or a released staging area left behind. A commit writes its intent
// (the images, layers and blobs it may create or delete) into the commit marker before touching anything; if it
// fails or the process dies, each of those that nothing refers to is removed, so the store ends as if the commit
// had never started (a load) or had finished (a removal). Blobs a staging area published and nothing uses go too.

import type { Store } from './store.js';
import { isDigest, type Digest } from '../digest/digest.js';
import { mark } from '../image/gc.js';

export interface Intent {
  images: Digest[];
  layers: Digest[];
  blobs: Digest[];
}

export type IntentKind = keyof Intent;

/** Parses the marker: a first line with the owner's pid, then `<kind> <digest>` lines. */
export function parseIntent(text: string): Intent {
  const out: Intent = { images: [], layers: [], blobs: [] };
  for (const line of text.split('\n').slice(1)) {
    const [kind, d] = line.split(' ');
    if ((kind === 'images' || kind === 'layers' || kind === 'blobs') && d && isDigest(d)) out[kind].push(d);
  }
  return out;
}

export function formatIntent(kind: IntentKind, ids: readonly string[]): string {
  return ids.map((d) => `${kind} ${d}\n`).join('');
}

/**
 * Removes the images, layers and blobs in `intent` that nothing refers to. Exclusive store lock held. Returns what
 * was removed.
 */
export async function rollBack(store: Store, intent: Intent): Promise<string[]> {
  const removed: string[] = [];
  const blobs = new Set<string>(intent.blobs);
  const tags = await store.images.tags(true);
  const tagged = new Set(Object.values(tags));
  let images = await store.images.list();
  for (const id of new Set(intent.images)) {
    const rec = images.find((i) => i.id === id);
    if (!rec) blobs.add(id); // already removed: its config may be left
    if (!rec || tagged.has(id) || rec.repoDigests.length > 0 || images.some((i) => i.parent === id)) continue;
    await store.images.delete(id);
    images = images.filter((i) => i.id !== id);
    blobs.add(id);
    for (const m of rec.manifests ?? []) blobs.add(m);
    removed.push(`image ${id}`);
  }
  // Only images keep these layers: a commit's new layers were seen by nothing else before it finished.
  const used = new Set(images.flatMap((i) => i.layers));
  const layers = await store.layers.list();
  const candidates = new Set(intent.layers);
  // Top down: a layer goes only once no kept layer builds on it.
  for (let changed = true; changed; ) {
    changed = false;
    for (const l of layers) {
      if (!candidates.has(l.chainID) || used.has(l.chainID)) continue;
      if (layers.some((o) => o.parent === l.chainID)) continue;
      await store.layers.remove(l.chainID);
      layers.splice(layers.indexOf(l), 1);
      candidates.delete(l.chainID);
      for (const b of l.blobs) blobs.add(b.digest);
      removed.push(`layer ${l.chainID}`);
      changed = true;
      break;
    }
  }
  // A layer the commit had begun to move into place but had not recorded: its directory goes too.
  for (const c of candidates) {
    if (layers.some((l) => l.chainID === c)) continue;
    await store.layers.remove(c);
  }
  removed.push(...(await dropUnusedBlobs(store, [...blobs])));
  return removed;
}

/** The blobs among `candidates` that are in the store but no image, layer or live staging area refers to. */
export async function unusedBlobs(store: Store, candidates: string[]): Promise<Digest[]> {
  const digests = [...new Set(candidates.filter(isDigest))];
  const present: Digest[] = [];
  for (const d of digests) if (await store.content.has(d)) present.push(d);
  if (present.length === 0) return [];
  const marks = await mark(store, await store.images.list());
  for (const l of await store.layers.list()) for (const b of l.blobs) marks.blobs.add(b.digest);
  return present.filter((d) => !marks.blobs.has(d));
}

/** Deletes the blobs among `candidates` that no image, layer or live staging area refers to. Lock held. */
export async function dropUnusedBlobs(store: Store, candidates: string[]): Promise<string[]> {
  const removed: string[] = [];
  for (const d of await unusedBlobs(store, candidates)) {
    await store.content.delete(d);
    removed.push(`blob ${d}`);
  }
  return removed;
}
