// The local store as a copy source (a push): the image's manifest is the one it was pulled with when every blob
// it names is still here, else a Docker schema 2 manifest built from the layer records (each layer's gzip blob
// where there is one; otherwise its uncompressed tar, which the engine compresses on the way and this source then
// keeps, so the next push sends the same bytes again). Remembers where blobs were pushed, for cross-repo mounts.

import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Store } from '../../store/store.js';
import type { Staging } from '../../lock/staging.js';
import type { BlobWriter } from '../../content/store.js';
import { BerthError } from '../../errors.js';
import { sha256, type Digest } from '../../digest/digest.js';
import { decompressStream } from '../../archive/compression.js';
import { MediaType, isIndexType, layerCompression } from '../../oci/media-types.js';
import type { Descriptor } from '../../oci/types.js';
import type { LayerRecord } from '../../layer/store.js';
import { dockerManifestBytes } from '../../copy/docker-manifest.js';
import type { BlobInfo, DerivedBlob, ImageSource, ManifestBytes } from '../../copy/types.js';

interface LayerSource {
  record: LayerRecord;
  desc: Descriptor;
  /** For an uncompressed descriptor made from a zstd blob: that blob, decompressed on the fly. */
  decompressFrom?: Digest;
}

export class StoreSource implements ImageSource {
  readonly location = undefined;
  private layers: LayerSource[] = [];
  private built: ManifestBytes | null = null;

  private constructor(
    private readonly store: Store,
    private readonly staging: Staging,
    readonly imageID: Digest,
    private readonly chain: LayerRecord[],
  ) {}

  static async open(store: Store, imageID: Digest): Promise<StoreSource> {
    const rec = await store.images.get(imageID);
    if (!rec) throw new BerthError('NOT_FOUND', `No such image: ${imageID}`);
    const staging = await store.staging();
    try {
      await staging.protect(imageID, ...rec.layers, ...(rec.manifests ?? []));
      const chain = rec.layers.length ? await store.layers.chain(rec.layers[rec.layers.length - 1]) : [];
      const src = new StoreSource(store, staging, imageID, chain);
      await src.build(rec.manifests ?? []);
      return src;
    } catch (e) {
      await staging[Symbol.asyncDispose]();
      throw e;
    }
  }

  private async build(stored: Digest[]): Promise<void> {
    const content = this.store.content;
    for (const d of [...stored].reverse()) {
      const m = await this.storedManifest(d);
      if (m) {
        this.built = m.bytes;
        this.layers = m.layers;
        return;
      }
    }
    const layers: LayerSource[] = [];
    for (const record of this.chain) {
      const present = [];
      for (const b of record.blobs) if (await content.has(b.digest)) present.push(b);
      const gz = present.find((b) => layerCompression(b.mediaType) === 'gzip');
      const plain = present.find((b) => layerCompression(b.mediaType) === 'none' || b.digest === record.diffID);
      const other = present[0];
      if (gz) layers.push({ record, desc: { mediaType: MediaType.DockerLayerGzip, digest: gz.digest, size: gz.size } });
      else if (plain) layers.push({ record, desc: { mediaType: MediaType.DockerLayer, digest: record.diffID, size: record.tarSize } });
      else if (other) layers.push({ record, desc: { mediaType: MediaType.DockerLayer, digest: record.diffID, size: record.tarSize }, decompressFrom: other.digest });
      else throw new BerthError('DATA_LOSS', `layer ${record.chainID} has no blob in the store`);
    }
    const configSize = (await content.size(this.imageID)) ?? 0;
    const bytes = dockerManifestBytes(
      { mediaType: MediaType.DockerConfig, digest: this.imageID, size: configSize },
      layers.map((l) => l.desc),
    );
    this.built = { bytes, mediaType: MediaType.DockerManifest, digest: sha256(bytes) };
    this.layers = layers;
  }

  /** A manifest kept from a pull, if it still describes this image with blobs that are all here. */
  private async storedManifest(d: Digest): Promise<{ bytes: ManifestBytes; layers: LayerSource[] } | null> {
    const content = this.store.content;
    const bytes = await content.read(d).catch(() => null);
    if (!bytes) return null;
    let m: { mediaType?: string; config?: Descriptor; layers?: Descriptor[]; manifests?: unknown };
    try {
      m = JSON.parse(bytes.toString('utf8'));
    } catch {
      return null;
    }
    if (m.manifests || (m.mediaType && isIndexType(m.mediaType)) || !m.config || !Array.isArray(m.layers)) return null;
    if (m.config.digest !== this.imageID || m.layers.length !== this.chain.length) return null;
    const layers: LayerSource[] = [];
    for (const [i, desc] of m.layers.entries()) {
      const record = this.chain[i];
      if (!record.blobs.some((b) => b.digest === desc.digest) || !(await content.has(desc.digest))) return null;
      layers.push({ record, desc });
    }
    const mediaType = m.mediaType ?? (m.config.mediaType === MediaType.OciConfig ? MediaType.OciManifest : MediaType.DockerManifest);
    return { bytes: { bytes, mediaType, digest: d }, layers };
  }

  async manifest(instance?: Digest): Promise<ManifestBytes> {
    if (instance === undefined || instance === this.built?.digest) return this.built!;
    const bytes = await this.store.content.read(instance);
    return { bytes, mediaType: MediaType.DockerManifest, digest: instance };
  }

  async blob(desc: Descriptor, opts: { start?: number } = {}): Promise<Readable> {
    const content = this.store.content;
    const layer = this.layers.find((l) => l.desc.digest === desc.digest);
    if (layer?.decompressFrom) {
      const { stream } = await decompressStream(content.open(layer.decompressFrom));
      return stream;
    }
    if (!(await content.has(desc.digest))) throw new BerthError('DATA_LOSS', `blob ${desc.digest} is missing from the store`);
    return createReadStream(content.path(desc.digest), { start: opts.start, highWaterMark: 1 << 20 });
  }

  async blobLocations(desc: Descriptor): Promise<string[]> {
    for (const l of this.layers) {
      const b = l.record.blobs.find((x) => x.digest === desc.digest);
      if (b) return b.repos ?? [];
    }
    return [];
  }

  async derivedBlob(info: BlobInfo): Promise<DerivedBlob | null> {
    const layer = this.layers[info.index];
    if (!layer) return null;
    const writer = await this.store.content.writer({ staging: this.staging.dir });
    return new KeptCompressedLayer(this.store, this.staging.dir, writer, layer.record.chainID);
  }

  async noteLocation(desc: Descriptor, info: BlobInfo, location: string): Promise<void> {
    if (info.kind !== 'layer') return;
    const chainID = this.layers[info.index]?.record.chainID;
    if (!chainID) return;
    await this.store.lock.withExclusive(() => this.store.layers.noteBlobRepo(chainID, desc.digest, location));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.staging[Symbol.asyncDispose]();
  }
}

/** A gzip copy of an uncompressed layer made during a push, added to the layer's record once complete. */
class KeptCompressedLayer implements DerivedBlob {
  constructor(
    private readonly store: Store,
    private readonly stagingDir: string,
    private readonly writer: BlobWriter,
    private readonly chainID: Digest,
  ) {}

  write(chunk: Buffer): Promise<void> {
    return this.writer.write(chunk);
  }

  async commit(desc: Descriptor): Promise<void> {
    const blob = await this.writer.commit();
    if (blob.digest !== desc.digest) throw new BerthError('INTERNAL', `compressed copy ${blob.digest} is not the pushed ${desc.digest}`);
    await this.store.lock.withExclusive(async () => {
      await this.store.content.ensure(this.stagingDir, blob.digest);
      await this.store.layers.addBlob(this.chainID, { digest: blob.digest, size: blob.size, mediaType: MediaType.DockerLayerGzip });
    });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.writer[Symbol.asyncDispose]();
  }
}
