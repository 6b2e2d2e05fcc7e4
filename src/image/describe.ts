// What the read-only image commands need about one stored image: its config bytes and parsed config, the sizes of
// its layers, its tags, local parents and the overlay directories Docker's inspect shows as GraphDriver.

import type { Store } from '../store/store.js';
import type { Digest } from '../digest/digest.js';
import type { ImageRecord } from './store.js';
import { imageInspectView } from './inspect-view.js';
import { historyRows, type HistoryRow } from './history-view.js';
import { parseNormalizedNamed } from '../reference/normalize.js';

export interface ImageFacts {
  rec: ImageRecord;
  configBytes: Buffer;
  config: unknown;
  layerSizes: number[];
}

export async function imageFacts(store: Store, rec: ImageRecord): Promise<ImageFacts> {
  const configBytes = await store.content.read(rec.id);
  const layerSizes: number[] = [];
  for (const c of rec.layers) layerSizes.push((await store.layers.get(c))?.size ?? 0);
  return { rec, configBytes, config: JSON.parse(configBytes.toString('utf8')), layerSizes };
}

/** The storage driver's name as Docker prints it. */
export const driverName = (store: Store) => (store.driver === 'vfs' ? 'vfs' : 'overlay2');

function graphDriver(store: Store, layers: Digest[]): { Name: string; Data: Record<string, string> | null } {
  if (layers.length === 0 || store.driver === 'vfs') return { Name: driverName(store), Data: null };
  const top = layers[layers.length - 1];
  const home = store.layers.home(top);
  const data: Record<string, string> = {};
  const lower = layers.slice(0, -1).reverse().map((c) => store.layers.diffDir(c));
  if (lower.length) data.LowerDir = lower.join(':');
  data.MergedDir = `${home}/merged`;
  data.UpperDir = store.layers.diffDir(top);
  data.WorkDir = `${home}/work`;
  return { Name: driverName(store), Data: data };
}

export async function inspectImage(store: Store, id: Digest): Promise<Record<string, unknown>> {
  const rec = await store.images.get(id);
  if (!rec) throw new Error(`image ${id} vanished`);
  const facts = await imageFacts(store, rec);
  const familiar = (full: string) => parseNormalizedNamed(full).familiar();
  return imageInspectView({
    id,
    config: facts.config,
    repoTags: (await store.images.tagsOf(id)).map(familiar),
    repoDigests: rec.repoDigests.map(familiar),
    size: facts.layerSizes.reduce((a, b) => a + b, 0),
    graphDriver: graphDriver(store, rec.layers),
    lastTagTime: await store.images.lastTagTime(rec),
    parent: rec.parent,
  });
}

export async function imageHistory(store: Store, id: Digest): Promise<HistoryRow[]> {
  const rec = await store.images.get(id);
  if (!rec) throw new Error(`image ${id} vanished`);
  const facts = await imageFacts(store, rec);
  const parentChain: Digest[] = [];
  for (let p = rec.parent; p; ) {
    const prec = await store.images.get(p);
    if (!prec) break;
    parentChain.push(p);
    p = prec.parent;
  }
  const tags = await store.images.tags();
  const familiar = (full: string) => parseNormalizedNamed(full).familiar();
  return historyRows({
    id,
    config: facts.config,
    layerSizes: facts.layerSizes,
    parentChain,
    tagsOf: (x) => Object.keys(tags).filter((t) => tags[t] === x).sort().map(familiar),
  });
}
