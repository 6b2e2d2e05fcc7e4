// The local store as a copy destination (a pull): the config is stored first; each layer blob is kept as received
// and unpacked into staging in the same pass, its diffID checked against the config; layers the store has (by
// chainID) or whose blob it has are not fetched; commit() makes the image, its manifests, RepoDigests and tags
// visible at once (image/commit.ts). Disposing without commit leaves nothing behind.

import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Store } from '../../store/store.js';
import type { Staging } from '../../lock/staging.js';
import { BerthError } from '../../errors.js';
import { chainIDs, sha256, type Digest } from '../../digest/digest.js';
import { unpackLayer } from '../../layer/unpack.js';
import { commitImage, type CommitImageResult, type StagedLayer } from '../../image/commit.js';
import type { Descriptor } from '../../oci/types.js';
import type { BlobInfo, ImageDestination, ManifestBytes, PartialDescriptor, PreparedImage, Reused } from '../../copy/types.js';

export interface StoreDestinationOptions {
  /** Full references to point at the image (none for a pull by digest). */
  tags: string[];
  /** `domain/path` the image came from: RepoDigests are `<repoName>@<digest of what the reference names>`. */
  repoName?: string;
  /** `host/path` of the source repository, remembered on each layer blob for cross-repository mounts. */
  sourceLocation?: string;
}

/** The diffID a layer tar must hash to differs from the config's (moby: errRootFSMismatch). */
const rootfsMismatch = () => new BerthError('INVALID_ARGUMENT', "layers from manifest don't match image configuration");

export class StoreDestination implements ImageDestination {
  readonly wantsCompressedLayers = false;
  readonly location = undefined;
  private image: PreparedImage | null = null;
  private chain: Digest[] = [];
  private readonly staged = new Map<Digest, StagedLayer>();
  private readonly manifests: Digest[] = [];
  private topDigest: Digest | null = null;
  /** Set by commit(). */
  result: CommitImageResult | null = null;

  private constructor(
    private readonly store: Store,
    private readonly staging: Staging,
    private readonly opts: StoreDestinationOptions,
  ) {}

  static async open(store: Store, opts: StoreDestinationOptions): Promise<StoreDestination> {
    return new StoreDestination(store, await store.staging(), opts);
  }

  async prepare(image: PreparedImage): Promise<void> {
    this.image = image;
    this.chain = chainIDs(image.diffIDs);
    await this.store.content.put(this.staging.dir, image.configBytes, sha256(image.configBytes));
  }

  async hasImage(image: PreparedImage): Promise<boolean> {
    const rec = await this.store.images.get(sha256(image.configBytes));
    if (!rec) return false;
    for (const c of this.chain) if (!(await this.store.layers.has(c))) return false;
    await this.staging.protect(rec.id, ...this.chain);
    return true;
  }

  async tryReuseBlob(desc: Descriptor, info: BlobInfo): Promise<Reused | null> {
    if (info.kind === 'config') return { how: 'exists', desc };
    const chainID = this.chain[info.index];
    if (await this.store.layers.has(chainID)) {
      await this.staging.protect(chainID);
      return { how: 'exists', desc };
    }
    if (await this.store.content.has(desc.digest)) {
      // The blob is here (another image has the layer on another parent): unpack it again from disk.
      await this.stage(this.store.content.open(desc.digest), desc, info);
      return { how: 'exists', desc };
    }
    return null;
  }

  async putBlob(desc: Descriptor | PartialDescriptor, body: Readable, info: BlobInfo): Promise<Descriptor> {
    if (!desc.digest) throw new BerthError('INTERNAL', 'the store keeps blobs under their digest');
    if (info.kind === 'config') {
      await this.store.content.ingest(body, { staging: this.staging.dir, expected: desc.digest, size: desc.size });
      return desc;
    }
    await this.stage(body, desc, info);
    return desc;
  }

  private async stage(body: Readable, desc: Descriptor, info: BlobInfo): Promise<void> {
    const dir = await this.staging.subdir('layer');
    const layer = await unpackLayer(this.store.content, body, dir, {
      staging: this.staging.dir,
      expectedBlob: desc.digest,
      expectedSize: desc.size,
      mediaType: desc.mediaType,
    });
    if (layer.diffID !== info.diffID) throw rootfsMismatch();
    const staged: StagedLayer = { dir, layer };
    if (this.opts.sourceLocation) staged.repos = [this.opts.sourceLocation];
    this.staged.set(layer.diffID, staged);
  }

  async putManifest(m: ManifestBytes, opts: { top: boolean }): Promise<void> {
    await this.store.content.put(this.staging.dir, m.bytes, m.digest);
    this.manifests.push(m.digest);
    if (opts.top) this.topDigest = m.digest;
  }

  async commit(): Promise<void> {
    const image = this.image;
    if (!image) throw new BerthError('INTERNAL', 'commit before prepare');
    const staging = this.staging;
    const content = this.store.content;
    const restage = async (diffID: Digest): Promise<StagedLayer> => {
      const s = this.staged.get(diffID)!;
      const blob = s.layer.blob.digest;
      const dir = await staging.subdir('layer');
      const body = createReadStream(content.stagedPath(staging.dir, blob), { highWaterMark: 1 << 20 });
      const layer = await unpackLayer(content, body, dir, { staging: staging.dir, expectedBlob: blob, mediaType: s.layer.blob.mediaType });
      return { dir, layer, repos: s.repos };
    };
    this.result = await commitImage(this.store, {
      configBytes: image.configBytes,
      diffIDs: image.diffIDs,
      staged: this.staged,
      tags: this.opts.tags,
      repoDigests: this.opts.repoName && this.topDigest ? [`${this.opts.repoName}@${this.topDigest}`] : [],
      manifests: this.manifests,
      restage,
      staging: staging.dir,
    });
    if (this.opts.sourceLocation) await this.noteSource(image);
  }

  /** Layers the store already had: remember that the source repository holds their blobs too. */
  private async noteSource(image: PreparedImage): Promise<void> {
    const location = this.opts.sourceLocation!;
    const known: [Digest, Digest][] = [];
    for (let i = 0; i < this.chain.length; i++) {
      const rec = await this.store.layers.get(this.chain[i]);
      const digest = image.manifest.layers[i].digest;
      const blob = rec?.blobs.find((b) => b.digest === digest);
      if (blob && !blob.repos?.includes(location)) known.push([this.chain[i], digest]);
    }
    if (known.length === 0) return;
    await this.store.lock.withExclusive(async () => {
      for (const [chainID, digest] of known) await this.store.layers.noteBlobRepo(chainID, digest, location);
    });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.staging[Symbol.asyncDispose]();
  }
}
