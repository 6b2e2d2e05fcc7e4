// The copy engine (DESIGN.md §2, §4): resolve what the source's reference names (an index → the platform's
// manifest), read and check the config, then move the layers concurrently — skipping what the destination has,
// verifying each blob while it streams, gzipping uncompressed layers for destinations that want them compressed
// (and rewriting the manifest then) — and finally the config, the manifest(s), and commit.

import { Readable } from 'node:stream';
import { BerthError } from '../errors.js';
import { sha256, type Digest } from '../digest/digest.js';
import { gzipParallel } from '../archive/gzip-parallel.js';
import { MediaType, isIndexType, layerCompression } from '../oci/media-types.js';
import { currentPlatform, formatPlatform, selectPlatformManifests } from '../oci/platform.js';
import { parseImageConfig, parseManifest, parseManifestOrIndex, MAX_JSON_BYTES } from '../oci/validate.js';
import type { Descriptor, OciManifest } from '../oci/types.js';
import { dockerManifestBytes } from './docker-manifest.js';
import { Limiter } from './limiter.js';
import { BlobVerificationError, verifiedRead } from './verified-read.js';
import type {
  BlobInfo,
  CopyOptions,
  CopyResult,
  ImageDestination,
  ImageSource,
  ManifestBytes,
  PreparedImage,
} from './types.js';

/**
 * zlib level for layers compressed on the way: 4 is about 1.6× faster than the default 6 for 2% more bytes, and
 * the result is kept, so it is paid once per layer.
 */
export const DEFAULT_GZIP_LEVEL = 4;

/** Docker's message when the config and the manifest disagree (moby distribution/pull_v2.go errRootFSMismatch). */
export const ROOTFS_MISMATCH = "layers from manifest don't match image configuration";

async function readSmallBlob(src: ImageSource, desc: Descriptor, what: string): Promise<Buffer> {
  if (desc.size > MAX_JSON_BYTES) throw new BerthError('FAILED_PRECONDITION', `${what} ${desc.digest} is ${desc.size} bytes, more than the limit of ${MAX_JSON_BYTES}`);
  const body = await src.blob(desc);
  const v = verifiedRead(body, desc);
  const chunks: Buffer[] = [];
  try {
    for await (const c of v.stream) chunks.push(c as Buffer);
    await v.settle();
  } catch (e) {
    await v.settle(e).catch((err) => {
      if (err instanceof BlobVerificationError) throw new BerthError('DATA_LOSS', `${what} verification failed for digest ${desc.digest}`);
      throw err;
    });
  }
  return Buffer.concat(chunks);
}

/** The image an index names for a platform (moby's manifest-list pull: the best match, else an error). */
function pickInstance(top: ManifestBytes, opts: CopyOptions): Descriptor {
  const parsed = parseManifestOrIndex(top.bytes, top.mediaType);
  if (parsed.kind !== 'index') throw new BerthError('INTERNAL', 'not an index');
  const wanted = opts.platform ?? currentPlatform();
  const [best] = selectPlatformManifests(parsed.index.manifests, wanted);
  if (!best) {
    throw new BerthError('NOT_FOUND', `no matching manifest for ${formatPlatform(wanted)} in the manifest list entries`);
  }
  return best;
}

export async function copyImage(src: ImageSource, dst: ImageDestination, opts: CopyOptions = {}): Promise<CopyResult> {
  const emit = opts.onEvent ?? (() => {});
  const top = await src.manifest();
  emit({ type: 'manifest', top });
  let instance = top;
  const topIsIndex = isIndexType(top.mediaType) || parseManifestOrIndex(top.bytes, top.mediaType).kind === 'index';
  if (topIsIndex) {
    const chosen = pickInstance(top, opts);
    instance = await src.manifest(chosen.digest);
    if (instance.digest !== chosen.digest) throw new BerthError('DATA_LOSS', `manifest verification failed for digest ${chosen.digest}`);
  }
  const manifest = parseManifest(instance.bytes, instance.mediaType);
  const configBytes = await readSmallBlob(src, manifest.config, 'image config');
  const config = parseImageConfig(configBytes);
  const diffIDs = config.rootfs.diff_ids;
  if (diffIDs.length !== manifest.layers.length) throw new BerthError('INVALID_ARGUMENT', ROOTFS_MISMATCH);
  const image: PreparedImage = { manifest, config, configBytes, diffIDs };
  emit({ type: 'resolved', top, manifest: instance, image });
  await dst.prepare?.(image);

  const finals: Descriptor[] = new Array(manifest.layers.length);
  let copied = 0;
  if (await dst.hasImage?.(image)) finals.splice(0, finals.length, ...manifest.layers);
  else copied = await copyLayers(src, dst, manifest, diffIDs, finals, opts);

  const configInfo: BlobInfo = { kind: 'config', index: -1, locations: (await src.blobLocations?.(manifest.config)) ?? [] };
  if (!(await dst.tryReuseBlob(manifest.config, configInfo))) {
    await dst.putBlob(manifest.config, Readable.from([configBytes]), configInfo);
  }

  const changed = finals.some((d, i) => d.digest !== manifest.layers[i].digest);
  let out = instance;
  if (changed) {
    if (topIsIndex) throw new BerthError('INTERNAL', 'cannot rewrite a manifest that an index names');
    const bytes = rewriteManifest(manifest, finals);
    out = { bytes, mediaType: MediaType.DockerManifest, digest: sha256(bytes) };
  }
  await dst.putManifest(out, { top: !topIsIndex });
  if (topIsIndex) await dst.putManifest(top, { top: true });
  await dst.commit();
  return {
    topDigest: topIsIndex ? top.digest : out.digest,
    manifestDigest: out.digest,
    manifestSize: out.bytes.length,
    configDigest: manifest.config.digest,
    layersCopied: copied,
  };
}

/** First what the destination has (reported in manifest order), then the rest, `concurrency` at a time. */
async function copyLayers(
  src: ImageSource,
  dst: ImageDestination,
  manifest: OciManifest,
  diffIDs: Digest[],
  finals: Descriptor[],
  opts: CopyOptions,
): Promise<number> {
  const emit = opts.onEvent ?? (() => {});
  const infos: BlobInfo[] = await Promise.all(
    manifest.layers.map(async (desc, index) => ({
      kind: 'layer' as const,
      index,
      diffID: diffIDs[index],
      locations: (await src.blobLocations?.(desc)) ?? [],
    })),
  );
  const seen = new Set<Digest>();
  const first = manifest.layers.map((d) => !seen.has(d.digest) && !!seen.add(d.digest));
  const reused = await Promise.all(manifest.layers.map((desc, i) => (first[i] ? dst.tryReuseBlob(desc, infos[i]) : null)));
  const pending: number[] = [];
  manifest.layers.forEach((desc, index) => {
    const r = reused[index];
    if (r) {
      finals[index] = r.desc;
      emit({ type: 'layer-skip', index, desc, how: r.how, from: r.from });
    } else {
      if (first[index]) emit({ type: 'layer-pending', index, desc });
      pending.push(index);
    }
  });
  const limit = opts.concurrency ?? 3;
  const limiter = new Limiter(limit);
  pending.filter((i) => first[i]).forEach((index, n) => {
    if (n >= limit) emit({ type: 'layer-wait', index, desc: manifest.layers[index] });
  });
  let copied = 0;
  const copies = new Map<Digest, Promise<Descriptor>>();
  await Promise.all(
    pending.map(async (index) => {
      const desc = manifest.layers[index];
      const info = infos[index];
      if (!first[index]) {
        // The same blob at an earlier position: once it is there, the destination reuses it.
        await copies.get(desc.digest);
        const r = await dst.tryReuseBlob(desc, info);
        finals[index] = r ? r.desc : await limiter.run(() => copyLayer(src, dst, desc, info, opts));
      } else {
        const p = limiter.run(() => copyLayer(src, dst, desc, info, opts));
        copies.set(desc.digest, p);
        finals[index] = await p;
        copied++;
      }
    }),
  );
  if (dst.location !== undefined && src.noteLocation) {
    for (const [i, d] of finals.entries()) await src.noteLocation(d, infos[i], dst.location);
  }

  return copied;
}

/** A Docker schema 2 manifest for the same config, with the layers as they were written. */
function rewriteManifest(m: OciManifest, layers: Descriptor[]): Buffer {
  const config: Descriptor = { mediaType: MediaType.DockerConfig, digest: m.config.digest, size: m.config.size };
  return dockerManifestBytes(
    config,
    layers.map((l) => {
      const c = layerCompression(l.mediaType);
      const mediaType = c === 'gzip' ? MediaType.DockerLayerGzip : c === 'zstd' ? MediaType.DockerLayerZstd : MediaType.DockerLayer;
      const d: Descriptor = { mediaType, digest: l.digest, size: l.size };
      if (l.urls?.length) d.urls = l.urls;
      return d;
    }),
  );
}

async function copyLayer(src: ImageSource, dst: ImageDestination, desc: Descriptor, info: BlobInfo, opts: CopyOptions): Promise<Descriptor> {
  const emit = opts.onEvent ?? (() => {});
  const index = info.index;
  emit({ type: 'layer-start', index, desc });
  const body = await src.blob(desc, { onRetry: (_e, offset) => emit({ type: 'layer-retry', index, desc, offset }) });
  const compress = dst.wantsCompressedLayers && layerCompression(desc.mediaType) === 'none';
  let current = 0;
  const progress = (n: number) => {
    current += n;
    emit({ type: 'layer-progress', index, desc, current, total: desc.size });
  };
  const v = verifiedRead(body, desc, {
    onBytes: compress ? undefined : progress,
    onEnd: () => emit({ type: 'layer-read', index, desc }),
  });
  let final: Descriptor;
  try {
    if (compress) {
      const derived = (await src.derivedBlob?.(info)) ?? null;
      try {
        const gz = gzipParallel(v.stream, { level: opts.compressionLevel ?? DEFAULT_GZIP_LEVEL });
        const out = Readable.from(
          (async function* () {
            for await (const chunk of gz) {
              await derived?.write(chunk);
              progress(chunk.length);
              yield chunk;
            }
          })(),
          { objectMode: false, highWaterMark: 1 << 20 },
        );
        final = await dst.putBlob({ mediaType: MediaType.DockerLayerGzip }, out, info);
        await derived?.commit(final);
      } finally {
        await derived?.[Symbol.asyncDispose]();
      }
    } else {
      final = await dst.putBlob(desc, v.stream, info);
    }
  } catch (e) {
    await v.settle(e);
    throw e;
  }
  await v.settle();
  emit({ type: 'layer-done', index, desc, final });
  return final;
}
