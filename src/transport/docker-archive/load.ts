// `load`: read a docker-archive (classic or OCI-in-docker layout, or a plain OCI layout), optionally compressed,
// in one streaming pass. Layer tars are kept as blobs and unpacked into staging as they go by; manifest.json (or
// index.json), usually at the end, then names each image's chain, and every image is committed at once.

import { Readable } from 'node:stream';
import { posix } from 'node:path';
import type { Store } from '../../store/store.js';
import type { Staging } from '../../lock/staging.js';
import { readTar } from '../../archive/tar/read.js';
import { decompressStream } from '../../archive/compression.js';
import { unpackLayer } from '../../layer/unpack.js';
import { commitImage, type StagedLayer } from '../../image/commit.js';
import { BerthError } from '../../errors.js';
import { sha256, type Digest } from '../../digest/digest.js';
import { resolveArchiveImages, type ArchiveImage } from './resolve.js';

const METADATA_LIMIT = 8 << 20;

export interface LoadEvent {
  type: 'layer-start' | 'layer-progress' | 'layer-done';
  name: string;
  current: number;
  total: number;
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
}

export async function loadArchive(store: Store, input: Readable, opts: LoadOptions = {}): Promise<LoadResult> {
  await using staging = await store.staging();
  const { stream } = await decompressStream(input);
  const contents = await readArchive(store, staging, stream, opts);
  const images = resolveArchiveImages(contents);
  const out: LoadResult['images'] = [];
  for (const img of images) out.push(await commitArchiveImage(store, staging, contents, img));
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
  const contents: ArchiveContents = { metadata: new Map(), layers: new Map(), links: new Map() };
  for await (const entry of readTar(stream)) {
    const name = cleanName(entry.name);
    if (entry.type === 'symlink' || entry.type === 'link') {
      const target =
        entry.type === 'link' ? entry.linkname : posix.join(posix.dirname(name), entry.linkname);
      contents.links.set(name, cleanName(target));
      continue;
    }
    if (entry.type !== 'file') continue;
    const looksLikeLayer = name.endsWith('.tar') || entry.size > METADATA_LIMIT;
    if (!looksLikeLayer) {
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

async function stageLayer(
  store: Store,
  staging: Staging,
  name: string,
  body: Readable,
  size: number,
  opts: LoadOptions,
): Promise<StagedLayer> {
  const dir = await staging.subdir('layer');
  if (opts.onProgress) {
    let current = 0;
    opts.onProgress({ type: 'layer-start', name, current, total: size });
    body.on('data', (c: Buffer) => {
      current += c.length;
      opts.onProgress!({ type: 'layer-progress', name, current, total: size });
    });
  }
  try {
    const layer = await unpackLayer(store.content, body, dir, { staging: staging.dir, expectedSize: size });
    await staging.protect(layer.blob.digest);
    opts.onProgress?.({ type: 'layer-done', name, current: size, total: size });
    return { dir, layer };
  } catch (e) {
    if (e instanceof BerthError) throw new BerthError(e.code, `invalid layer ${name}: ${e.message}`, { cause: e });
    throw e;
  }
}

async function commitArchiveImage(
  store: Store,
  staging: Staging,
  contents: ArchiveContents,
  img: ArchiveImage,
): Promise<LoadResult['images'][number]> {
  const id = sha256(img.configBytes);
  await store.content.put(staging.dir, img.configBytes, id);
  await staging.protect(id);
  const staged = new Map<Digest, StagedLayer>();
  img.layerPaths.forEach((p, i) => {
    const s = contents.layers.get(p);
    if (!s) throw new BerthError('INVALID_ARGUMENT', `invalid archive: layer ${p} not found`);
    if (s.layer.diffID !== img.diffIDs[i])
      throw new BerthError(
        'INVALID_ARGUMENT',
        `invalid diffID for layer ${i}: expected ${JSON.stringify(img.diffIDs[i])}, got ${JSON.stringify(s.layer.diffID)}`,
      );
    staged.set(s.layer.diffID, s);
  });
  const restage = async (diffID: Digest): Promise<StagedLayer> => {
    const s = staged.get(diffID)!;
    const dir = await staging.subdir('layer');
    const layer = await unpackLayer(store.content, store.content.open(s.layer.blob.digest), dir, {
      staging: staging.dir,
      expectedBlob: s.layer.blob.digest,
    });
    return { dir, layer };
  };
  const r = await commitImage(store, {
    configBytes: img.configBytes,
    diffIDs: img.diffIDs,
    staged,
    tags: img.tags,
    restage,
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
