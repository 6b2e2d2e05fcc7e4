// A registry repository as a copy source (a pull): the reference's manifest from the first endpoint that has it
// (Docker Hub's mirrors, then Docker Hub; a mirror that fails for any reason is skipped), then blobs from that
// same endpoint, resumed with Range requests when a connection drops. Errors read as Docker's pull reports them.

import { Readable } from 'node:stream';
import { BerthError } from '../../errors.js';
import type { Digest } from '../../digest/digest.js';
import type { Descriptor } from '../../oci/types.js';
import type { Reference } from '../../reference/reference.js';
import type { ImageSource, ManifestBytes } from '../../copy/types.js';
import { readBlob } from './blob-reader.js';
import { RegistryClient } from './client.js';
import type { RegistryConfig } from './config.js';
import { pullEndpoints, type Endpoint } from './endpoints.js';
import { formatEntry, RegistryError } from './errors.js';
import type { HttpTransport } from './http.js';
import { getManifest, headManifest } from './manifests.js';
import { listTags } from './listing.js';

export interface RegistrySourceOptions {
  transport: HttpTransport;
  config: RegistryConfig;
  /** Manifests already at hand by digest (the local store): a tag whose digest is known is not fetched again. */
  known?: (d: Digest) => Promise<Uint8Array | null>;
}

/** moby TranslatePullError: the registry's error, put in terms of the reference. */
export function translatePullError(e: unknown, ref: Reference): unknown {
  if (!(e instanceof RegistryError) || e.errors.length === 0) return e;
  // Only the first of several API errors is reported (moby logs the others).
  const first = formatEntry(e.errors[0]);
  switch (e.apiCode) {
    case 'DENIED':
      return new BerthError('DENIED', `pull access denied for ${ref.familiarName}, repository does not exist or may require 'docker login': ${first}`);
    case 'MANIFEST_UNKNOWN':
      return new BerthError('NOT_FOUND', `manifest for ${ref.familiar()} not found: ${first}`);
    case 'NAME_UNKNOWN':
      return new BerthError('NOT_FOUND', `repository ${ref.familiarName} not found: ${first}`);
  }
  return new BerthError(e.code, first);
}

export class RegistrySource implements ImageSource {
  /** `domain/path`: where the blobs live, for the store's cross-repository mount records. */
  readonly location: string;
  private client: RegistryClient | null = null;
  private readonly clients = new Map<Endpoint, RegistryClient>();

  constructor(
    readonly ref: Reference,
    private readonly opts: RegistrySourceOptions,
    private readonly endpoints: Endpoint[],
  ) {
    this.location = ref.name;
  }

  static async open(ref: Reference, opts: RegistrySourceOptions): Promise<RegistrySource> {
    return new RegistrySource(ref, opts, await pullEndpoints(ref.domain, opts.config));
  }

  /** The endpoint that served the manifest (a mirror or the registry itself). */
  get endpoint(): Endpoint | null {
    return this.client?.endpoint ?? null;
  }

  private async connect(ep: Endpoint): Promise<RegistryClient> {
    let c = this.clients.get(ep);
    if (!c) {
      c = await RegistryClient.connect(this.opts.transport, ep);
      this.clients.set(ep, c);
    }
    return c;
  }

  async manifest(instance?: Digest): Promise<ManifestBytes> {
    if (instance !== undefined) {
      if (!this.client) throw new BerthError('INTERNAL', 'manifest(instance) before manifest()');
      return this.fetch(this.client, instance);
    }
    let last: unknown;
    for (const ep of this.endpoints) {
      try {
        const client = await this.connect(ep);
        const m = await this.resolve(client);
        this.client = client;
        return m;
      } catch (e) {
        last = e;
        if (!ep.mirror) break;
      }
    }
    throw translatePullError(last, this.ref);
  }

  /** The repository's tags (`pull -a`), from the first endpoint that lists them. */
  async tags(): Promise<string[]> {
    let last: unknown;
    for (const ep of this.endpoints) {
      try {
        const client = await this.connect(ep);
        const tags = await listTags(client, this.ref.path);
        this.client = client;
        return tags;
      } catch (e) {
        last = e;
        if (!ep.mirror) break;
      }
    }
    throw translatePullError(last, this.ref);
  }

  private async resolve(client: RegistryClient): Promise<ManifestBytes> {
    const ref = this.ref;
    if (ref.digest) return this.fetch(client, ref.digest);
    const head = await headManifest(client, ref.path, ref.tag!);
    if (head) {
      const local = await this.opts.known?.(head.digest);
      if (local) return { bytes: local, mediaType: head.mediaType, digest: head.digest };
      return this.fetch(client, head.digest);
    }
    const m = await getManifest(client, ref.path, ref.tag!);
    return { bytes: m.bytes, mediaType: m.mediaType, digest: m.digest };
  }

  private async fetch(client: RegistryClient, digest: Digest): Promise<ManifestBytes> {
    const m = await getManifest(client, this.ref.path, digest);
    return { bytes: m.bytes, mediaType: m.mediaType, digest: m.digest };
  }

  async blob(desc: Descriptor, opts: { start?: number; onRetry?: (err: unknown, offset: number) => void } = {}): Promise<Readable> {
    if (!this.client) throw new BerthError('INTERNAL', 'blob() before manifest()');
    const chunks = readBlob(this.client, this.ref.path, desc, {
      start: opts.start,
      attempts: this.opts.config.maxDownloadAttempts,
      onRetry: opts.onRetry,
    });
    return Readable.from(chunks, { objectMode: false, highWaterMark: 1 << 20 });
  }

  async [Symbol.asyncDispose](): Promise<void> {}
}
