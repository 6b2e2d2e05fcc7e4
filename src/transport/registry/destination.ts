// A registry repository as a copy destination (a push): a blob the repository has is skipped (HEAD), one another
// repository of the same registry has is mounted, anything else is uploaded — monolithically when its digest is
// known, streamed with PATCH (in chunks if configured) when it is compressed on the way. Manifests go last: the
// image's by digest when an index follows it, the top one under the tag.

import type { Readable } from 'node:stream';
import type { Digest } from '../../digest/digest.js';
import type { Descriptor } from '../../oci/types.js';
import type { Reference } from '../../reference/reference.js';
import type { BlobInfo, ImageDestination, ManifestBytes, PartialDescriptor, Reused } from '../../copy/types.js';
import type { RegistryClient } from './client.js';
import { putManifest } from './manifests.js';
import { headBlob, mountBlob, putBlobChunked, putBlobMonolithic, startUpload } from './uploads.js';

export interface RegistryDestinationOptions {
  /** Upload in PATCH requests of at most this many bytes (registries that limit request sizes). */
  chunkSize?: number;
}

export class RegistryDestination implements ImageDestination {
  readonly wantsCompressedLayers = true;
  readonly location: string;
  /** Upload sessions a refused mount opened, by digest: used instead of a new POST. */
  private readonly sessions = new Map<Digest, URL>();
  /** The manifest written under the reference. */
  pushed: ManifestBytes | null = null;

  constructor(
    private readonly client: RegistryClient,
    readonly ref: Reference,
    private readonly opts: RegistryDestinationOptions = {},
  ) {
    this.location = ref.name;
  }

  private get repo(): string {
    return this.ref.path;
  }

  async tryReuseBlob(desc: Descriptor, info: BlobInfo): Promise<Reused | null> {
    if ((await headBlob(this.client, this.repo, desc.digest)) !== null) return { how: 'exists', desc };
    for (const loc of info.locations) {
      const slash = loc.indexOf('/');
      const domain = loc.slice(0, slash);
      const from = loc.slice(slash + 1);
      if (domain !== this.ref.domain || from === this.repo) continue;
      const r = await mountBlob(this.client, this.repo, desc.digest, from).catch(() => null);
      if (!r) continue;
      if (r.mounted) return { how: 'mounted', from, desc };
      this.sessions.set(desc.digest, r.upload);
      break;
    }
    return null;
  }

  private async session(digest?: Digest): Promise<URL> {
    const open = digest ? this.sessions.get(digest) : undefined;
    if (open) {
      this.sessions.delete(digest!);
      return open;
    }
    return startUpload(this.client, this.repo);
  }

  async putBlob(desc: Descriptor | PartialDescriptor, body: Readable): Promise<Descriptor> {
    if (desc.digest && !this.opts.chunkSize) {
      const session = await this.session(desc.digest);
      await putBlobMonolithic(this.client, this.repo, session, desc.digest, desc.size, body);
      return desc;
    }
    const session = await this.session(desc.digest);
    const r = await putBlobChunked(this.client, this.repo, session, body, { chunkSize: this.opts.chunkSize, expected: desc.digest });
    return { mediaType: desc.mediaType, digest: r.digest, size: r.size };
  }

  async putManifest(m: ManifestBytes, opts: { top: boolean }): Promise<void> {
    const ref = opts.top && this.ref.tag ? this.ref.tag : m.digest;
    await putManifest(this.client, this.repo, ref, m.bytes, m.mediaType);
    if (opts.top) this.pushed = m;
  }

  async commit(): Promise<void> {}

  async [Symbol.asyncDispose](): Promise<void> {}
}
