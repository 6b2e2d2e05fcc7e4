// `system check`: verifies the store's invariants and says plainly what is wrong. Every tag names an image whose
// config hashes to its ID; every image's layers are present and complete; nothing refers to what is gone; nothing
// is left behind that no image uses. With `verify`, every blob is rehashed and every layer tar's diffID recomputed.

import { createHash } from 'node:crypto';
import { readdir, stat, lstat } from 'node:fs/promises';
import { joinPath } from '../sys/join-path.js';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import type { Store } from './store.js';
import { chainIDs, sha256, type Digest } from '../digest/digest.js';
import { HashStream } from '../digest/hash-stream.js';
import { decompressStream } from '../archive/compression.js';
import { COMMIT_MARKER } from '../lock/recover.js';
import { mark } from '../image/gc.js';
import { parseNormalizedNamed } from '../reference/normalize.js';
import { allWritableLayers, checkWritableLayer } from '../snapshot/index.js';

export interface CheckReport {
  problems: string[];
  images: number;
  layers: number;
  blobs: number;
}

function familiar(ref: string): string {
  try {
    return parseNormalizedNamed(ref).familiar();
  } catch {
    return ref;
  }
}

async function hashBlob(store: Store, d: Digest): Promise<Digest> {
  const h = createHash('sha256');
  await pipeline(
    store.content.open(d),
    new Writable({
      write(chunk, _e, cb) {
        h.update(chunk);
        cb();
      },
    }),
  );
  return `sha256:${h.digest('hex')}`;
}

async function diffIDOf(store: Store, d: Digest): Promise<Digest> {
  const { stream } = await decompressStream(store.content.open(d));
  const hasher = new HashStream();
  await pipeline(stream, hasher, new Writable({ write: (_c, _e, cb) => cb() }));
  return hasher.digest();
}

export async function checkStore(store: Store, opts: { verify?: boolean } = {}): Promise<CheckReport> {
  const problems: string[] = [];
  const say = (s: string) => problems.push(s);
  const images = await store.images.list();
  const imageIDs = new Set(images.map((i) => i.id));
  const layers = await store.layers.list();
  const layerByChain = new Map(layers.map((l) => [l.chainID, l]));
  const blobs = new Map<string, number>();
  for await (const b of store.content.walk()) blobs.set(b.digest, b.size);

  for (const [ref, id] of Object.entries(await store.images.tags(true)))
    if (!imageIDs.has(id)) say(`tag ${familiar(ref)} names image ${id}, which does not exist`);
  // What GC keeps besides images: containers (their parent layers, their image's config) and in-flight staging.
  const marks = await mark(store, images);

  const usedLayers = new Set<Digest>();
  const usedBlobs = new Set<string>();
  for (const img of images) {
    usedBlobs.add(img.id);
    for (const m of img.manifests ?? []) {
      usedBlobs.add(m);
      if (!blobs.has(m)) say(`image ${img.id}: manifest blob ${m} is missing`);
    }
    if (!blobs.has(img.id)) {
      say(`image ${img.id}: config blob is missing`);
      continue;
    }
    const config = await store.content.read(img.id);
    if (sha256(config) !== img.id) say(`image ${img.id}: config hashes to ${sha256(config)}`);
    let diffIDs: Digest[] = [];
    try {
      diffIDs = JSON.parse(config.toString('utf8')).rootfs.diff_ids;
    } catch {
      say(`image ${img.id}: config is not valid JSON with rootfs.diff_ids`);
    }
    const chain = chainIDs(diffIDs);
    if (chain.join() !== img.layers.join()) say(`image ${img.id}: recorded layers do not match its config's diff_ids`);
    for (const c of img.layers) {
      usedLayers.add(c);
      if (!layerByChain.has(c)) say(`image ${img.id}: layer ${c} is missing`);
    }
    if (img.parent && !imageIDs.has(img.parent)) say(`image ${img.id}: parent image ${img.parent} is missing`);
  }

  for (const l of layers) {
    const expect = l.parent ? sha256(`${l.parent} ${l.diffID}`) : l.diffID;
    if (expect !== l.chainID) say(`layer ${l.chainID}: chainID does not follow from its parent and diffID`);
    if (l.parent && !layerByChain.has(l.parent)) say(`layer ${l.chainID}: parent layer ${l.parent} is missing`);
    const dir = await lstat(store.layers.diffDir(l.chainID)).catch(() => null);
    if (!dir?.isDirectory()) say(`layer ${l.chainID}: directory ${store.layers.diffDir(l.chainID)} is missing`);
    if (!usedLayers.has(l.chainID) && !marks.layers.has(l.chainID) && !layers.some((o) => o.parent === l.chainID))
      say(`layer ${l.chainID}: no image uses it (leaked)`);
    for (const b of l.blobs) {
      usedBlobs.add(b.digest);
      if (!blobs.has(b.digest)) say(`layer ${l.chainID}: blob ${b.digest} is missing`);
      else if (blobs.get(b.digest) !== b.size) say(`layer ${l.chainID}: blob ${b.digest} has ${blobs.get(b.digest)} bytes, expected ${b.size}`);
      else if (opts.verify) {
        const got = await diffIDOf(store, b.digest).catch((e: Error) => `unreadable (${e.message})`);
        if (got !== l.diffID) say(`layer ${l.chainID}: blob ${b.digest} holds diffID ${got}, expected ${l.diffID}`);
      }
    }
  }

  for (const [d] of blobs) {
    if (!usedBlobs.has(d) && !marks.blobs.has(d)) say(`blob ${d}: nothing refers to it (leaked)`);
    if (opts.verify) {
      const got = await hashBlob(store, d as Digest);
      if (got !== d) say(`blob ${d}: content hashes to ${got}`);
    }
  }

  const writable = await allWritableLayers(store);
  const containerDirs = new Set(writable.filter((w) => w.driver === 'overlay').map((w) => w.key));
  for (const name of await readdir(store.layers.driverDir)) {
    if (name === 'l' || containerDirs.has(name)) continue;
    if (!layerByChain.has(`sha256:${name}`)) say(`layer directory ${joinPath(store.layers.driverDir, name)} has no record`);
  }
  for (const w of writable) {
    const problem = await checkWritableLayer(store, w);
    if (problem) say(problem);
  }
  if (await stat(joinPath(store.root, COMMIT_MARKER)).catch(() => null)) say('a metadata commit was interrupted');
  return { problems, images: images.length, layers: layers.length, blobs: blobs.size };
}
