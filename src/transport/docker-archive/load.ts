// `load`: read a docker-archive (classic or OCI-in-docker layout, or a plain OCI layout), optionally compressed,
// in one streaming pass. Layer tars are kept as blobs and unpacked into staging as they go by; manifest.json (or
// index.json), usually at the end, then names each image's chain, and every image is committed at once.

import { createReadStream } from 'node:fs';
import { Readable, Transform, pipeline } from 'node:stream';
import { posix } from 'node:path';
import type { Store } from '../../store/store.js';
import type { Staging } from '../../lock/staging.js';
import { readTar } from '../../archive/tar/read.js';
import { decompressStream } from '../../archive/compression.js';
import { unpackLayer } from '../../layer/unpack.js';
import { commitImage, type StagedLayer } from '../../image/commit.js';
import { BerthError } from '../../errors.js';
import { syncFilesystem } from '../../sys/syncfs.js';
import { sha256, type Digest } from '../../digest/digest.js';
import { resolveArchiveImages, type ArchiveImage } from './resolve.js';
import { KnownLayers, type KnownLayer } from './known-layers.js';
import { claimStoredLayer } from '../../store/claim-layer.js';
import { HashStream } from '../../digest/hash-stream.js';
import { sniff } from '../../archive/compression.js';

/** Members up to this size that don't look like layers are kept in memory (manifests, configs, index.json). */
const METADATA_LIMIT = 8 << 20;
/** All such members together: an archive of many big JSON files is refused instead of filling memory. */
const METADATA_TOTAL_LIMIT = 64 << 20;
/** Layers at least this big start their writeback as soon as they are unpacked. */
const EARLY_WRITEBACK_BYTES = 16 << 20;

export interface LoadEvent {
  type: 'layer-start' | 'layer-progress' | 'layer-done';
  /** The layer's path in the archive. */
  name: string;
  current: number;
  total: number;
  /** Known once the layer is read (layer-done): Docker names layers by it in progress lines. */
  diffID?: Digest;
}

export interface LoadResult {
  images: { id: Digest; tags: string[]; moved: { ref: string; old: Digest }[] }[];
}

export interface LoadOptions {
  onProgress?: (e: LoadEvent) => void;
}

/** The archive's files as one pass saw them: small metadata in memory, layers staged on disk, links as aliases. */
export interface ArchiveContents {
  metadata: Map<string, Buffer>;
  layers: Map<string, StagedLayer>;
  links: Map<string, string>;
  /** Layers the store already held, by diffID: hashed in passing, not unpacked (their StagedLayer has no dir). */
  known: Map<Digest, KnownLayer>;
}

export async function loadArchive(store: Store, input: Readable, opts: LoadOptions = {}): Promise<LoadResult> {
  await using staging = await store.staging();
  const { stream } = await decompressStream(input);
  const contents = await readArchive(store, staging, stream, opts);
  const images = resolveArchiveImages(contents);
  // Every image is checked before any is committed: a bad image anywhere in the archive loads nothing.
  const prepared: PreparedImage[] = [];
  for (const img of images) prepared.push(await prepareImage(store, staging, contents, img));
  const out: LoadResult['images'] = [];
  for (const p of prepared) out.push(await commitArchiveImage(store, staging, p, contents.known));
  return { images: out };
}

function cleanName(name: string): string {
  let n = name;
  while (n.startsWith('./')) n = n.slice(2);
  n = n.replace(/\/+$/, '');
  const norm = posix.normalize(n);
  if (n === '' || posix.isAbsolute(n) || norm.startsWith('../') || norm === '..' || n.split('/').includes('..'))
    throw new BerthError('INVALID_ARGUMENT', `invalid archive: entry ${JSON.stringify(name)} escapes the archive`);
  return norm;
}

async function readArchive(
  store: Store,
  staging: Staging,
  stream: Readable,
  opts: LoadOptions,
): Promise<ArchiveContents> {
  const contents: ArchiveContents = { metadata: new Map(), layers: new Map(), links: new Map(), known: new Map() };
  const known = await KnownLayers.of(store);
  let metadataBytes = 0;
  for await (const entry of readTar(stream)) {
    const name = cleanName(entry.name);
    if (entry.type === 'symlink' || entry.type === 'link') {
      if (entry.type === 'symlink' && posix.isAbsolute(entry.linkname)) throw escapes(name, entry.linkname);
      const target = entry.type === 'link' ? entry.linkname : posix.join(posix.dirname(name), entry.linkname);
      if (target === '..' || target.startsWith('../') || posix.isAbsolute(target)) throw escapes(name, entry.linkname);
      contents.links.set(name, cleanName(target));
      continue;
    }
    if (entry.type !== 'file') continue;
    const hit = known.lookup(name);
    // Claimed under the store lock: a removal either finished before (the archive's bytes are unpacked as usual) or
    // sees the claim.
    if (hit && (await claimStoredLayer(store, staging, hit.chainID, hit.storedBlob.digest))) {
      const [first, body] = await peek(entry.body);
      // A compressed tar behind a v1 name doesn't hash to the diffID the name promises: unpack it as usual.
      if (hit.expect === hit.diffID && first && sniff(first) !== 'none') {
        contents.layers.set(name, await stageLayer(store, staging, name, body, entry.size, opts));
        continue;
      }
      contents.layers.set(name, await verifyKnownLayer(name, body, entry.size, hit));
      contents.known.set(hit.diffID, hit);
      continue;
    }
    const looksLikeLayer = name.endsWith('.tar') || entry.size > METADATA_LIMIT;
    if (!looksLikeLayer) {
      metadataBytes += entry.size;
      if (metadataBytes > METADATA_TOTAL_LIMIT)
        throw new BerthError('INVALID_ARGUMENT', `invalid archive: more than ${METADATA_TOTAL_LIMIT >> 20} MiB of metadata`);
      const buf = await readAll(entry.body, entry.size);
      if (buf.length === 0 || buf[0] === 0x7b /* { */ || buf[0] === 0x5b /* [ */ || !name.startsWith('blobs/')) {
        contents.metadata.set(name, buf);
        continue;
      }
      contents.layers.set(name, await stageLayer(store, staging, name, bufferStream(buf), buf.length, opts));
      continue;
    }
    contents.layers.set(name, await stageLayer(store, staging, name, entry.body, entry.size, opts));
  }
  return contents;
}

/** The first chunk of a stream, and a stream that still yields everything. */
async function peek(body: Readable): Promise<[Buffer | undefined, Readable]> {
  const it = body[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return [undefined, Readable.from([])];
  const head = first.value as Buffer;
  return [head, Readable.from((async function* () {
    yield head;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value as Buffer;
  })(), { objectMode: false })];
}

/** Hashes a layer the store already has: its bytes must be what its archive name promised. Nothing is written. */
async function verifyKnownLayer(name: string, body: Readable, size: number, hit: KnownLayer): Promise<StagedLayer> {
  const hasher = new HashStream();
  await new Promise<void>((resolve, reject) => {
    pipeline(body, hasher, (e) => (e ? reject(e) : resolve()));
    hasher.resume();
  });
  const got = hasher.digest();
  if (got !== hit.expect)
    throw new BerthError('INVALID_ARGUMENT', `invalid layer ${name}: content does not match its name: expected ${hit.expect}, got ${got}`);
  return {
    dir: '',
    layer: {
      diffID: hit.diffID,
      blob: { digest: got, size, mediaType: hit.storedBlob.mediaType },
      tarSize: size,
      size: 0,
      compression: 'none',
      implicitDirs: [],
    },
  };
}

function escapes(name: string, target: string): BerthError {
  return new BerthError('INVALID_ARGUMENT', `invalid archive: link ${JSON.stringify(name)} → ${JSON.stringify(target)} leaves the archive`);
}

async function stageLayer(
  store: Store,
  staging: Staging,
  name: string,
  body: Readable,
  size: number,
  opts: LoadOptions,
): Promise<StagedLayer> {
  const dir = await staging.subdir('layer');
  const report = opts.onProgress;
  let input = body;
  if (report) {
    // A pass-through meter, not a 'data' listener: a listener would set the body flowing before unpack reads it.
    let current = 0;
    report({ type: 'layer-start', name, current, total: size });
    const meter = new Transform({
      highWaterMark: 1 << 20,
      transform(chunk: Buffer, _enc, cb) {
        current += chunk.length;
        report({ type: 'layer-progress', name, current, total: size });
        cb(null, chunk);
      },
    });
    pipeline(body, meter, () => {});
    input = meter;
  }
  try {
    // Published by the image commit, after one syncfs made everything this load unpacked durable.
    const layer = await unpackLayer(store.content, input, dir, { staging: staging.dir, expectedSize: size, publish: false });
    // Start writing a big layer back now, while the next ones unpack: the syncfs before the commit then finds
    // little left to flush. Not awaited; the commit's own syncfs is what durability relies on.
    if (size > EARLY_WRITEBACK_BYTES) void syncFilesystem(store.root).catch(() => {});
    report?.({ type: 'layer-done', name, current: size, total: size, diffID: layer.diffID });
    return { dir, layer };
  } catch (e) {
    if (e instanceof BerthError) throw new BerthError(e.code, `invalid layer ${name}: ${e.message}`, { cause: e });
    throw e;
  }
}

interface PreparedImage {
  img: ArchiveImage;
  staged: Map<Digest, StagedLayer>;
}

/** Checks one image against what the archive held (layers present, digests and diffIDs as promised). */
async function prepareImage(
  store: Store,
  staging: Staging,
  contents: ArchiveContents,
  img: ArchiveImage,
): Promise<PreparedImage> {
  const staged = new Map<Digest, StagedLayer>();
  for (const [i, p] of img.layerPaths.entries()) {
    let s = contents.layers.get(p);
    const small = contents.metadata.get(p);
    if (!s && small) {
      // A small layer that looked like metadata (an uncompressed blob whose first file name starts with `{`).
      s = await stageLayer(store, staging, p, bufferStream(small), small.length, {});
      contents.layers.set(p, s);
    }
    if (!s) throw new BerthError('INVALID_ARGUMENT', `invalid archive: layer ${p} not found in the archive`);
    const want = img.layerDigests[i];
    if (want && s.layer.blob.digest !== want)
      throw new BerthError('INVALID_ARGUMENT', `invalid archive: layer ${p}: digest mismatch: expected ${want}, got ${s.layer.blob.digest}`);
    if (s.layer.diffID !== img.diffIDs[i])
      throw new BerthError(
        'INVALID_ARGUMENT',
        `invalid diffID for layer ${i}: expected ${JSON.stringify(img.diffIDs[i])}, got ${JSON.stringify(s.layer.diffID)}`,
      );
    staged.set(s.layer.diffID, s);
  }
  return { img, staged };
}

async function commitArchiveImage(
  store: Store,
  staging: Staging,
  { img, staged }: PreparedImage,
  known: Map<Digest, KnownLayer>,
): Promise<LoadResult['images'][number]> {
  const id = sha256(img.configBytes);
  await store.content.put(staging.dir, img.configBytes, id);
  const restage = async (diffID: Digest): Promise<StagedLayer> => {
    const s = staged.get(diffID)!;
    const dir = await staging.subdir('layer');
    if (!s.dir) {
      // A layer the store had when the archive was read, needed on another chain (or removed since): unpack the
      // blob the store keeps for it.
      const src = known.get(diffID)!.storedBlob;
      if (!(await store.content.has(src.digest))) throw new BerthError('DATA_LOSS', `layer ${diffID} was removed while loading; load again`);
      const layer = await unpackLayer(store.content, store.content.open(src.digest), dir, {
        staging: staging.dir,
        expectedBlob: src.digest,
        mediaType: src.mediaType,
        publish: false,
      });
      return { dir, layer };
    }
    const blob = s.layer.blob.digest;
    const body = createReadStream(store.content.stagedPath(staging.dir, blob), { highWaterMark: 1 << 20 });
    const layer = await unpackLayer(store.content, body, dir, { staging: staging.dir, expectedBlob: blob, publish: false });
    return { dir, layer };
  };
  const r = await commitImage(store, {
    configBytes: img.configBytes,
    diffIDs: img.diffIDs,
    staged,
    tags: img.tags,
    restage,
    staging: staging.dir,
    touchTagTime: false,
  });
  return { id: r.id, tags: img.tags, moved: r.moved };
}

async function readAll(body: Readable, size: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of body) {
    chunks.push(c as Buffer);
    n += (c as Buffer).length;
  }
  if (n !== size) throw new BerthError('DATA_LOSS', 'unexpected EOF in archive');
  return Buffer.concat(chunks, n);
}

function bufferStream(buf: Buffer): Readable {
  return Readable.from([buf]);
}
