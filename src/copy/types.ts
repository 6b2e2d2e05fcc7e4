// The contracts of the copy engine (DESIGN.md §2): a place an image can be read from (ImageSource) and a place it
// can be written to (ImageDestination), and the events a copy reports. A registry, the local store, and later
// archives implement them; copyImage() in copy-image.ts moves an image between any two.

import type { Readable } from 'node:stream';
import type { Digest } from '../digest/digest.js';
import type { Descriptor, ImageConfig, OciManifest, Platform } from '../oci/types.js';

export interface ManifestBytes {
  bytes: Uint8Array;
  mediaType: string;
  digest: Digest;
}

/** What the engine tells both ends about a blob it moves. */
export interface BlobInfo {
  kind: 'config' | 'layer';
  /** Position in the manifest's layers (layers only; -1 for the config). */
  index: number;
  /** The layer's diffID from the image config (layers only). */
  diffID?: Digest;
  /** Repositories (`host/path`) known to hold the blob, for cross-repository mounts. */
  locations: string[];
}

/** Where a compressed copy of a layer goes, so the next copy can send it as it is. */
export interface DerivedBlob extends AsyncDisposable {
  write(chunk: Buffer): Promise<void>;
  /** The copy is complete and has this descriptor; keep it. */
  commit(desc: Descriptor): Promise<void>;
}

/** Lifecycle: manifest() first, blob() any number of times, concurrently; dispose when done. */
export interface ImageSource extends AsyncDisposable {
  /** `host/path` of the repository the image is read from, when it is one. */
  readonly location?: string;
  /** The top manifest or index (no argument), or one instance of an index by digest. */
  manifest(instance?: Digest): Promise<ManifestBytes>;
  /** The bytes of a blob the manifest names, from `start`. */
  blob(desc: Descriptor, opts?: { start?: number; onRetry?: (err: unknown, offset: number) => void }): Promise<Readable>;
  /** Repositories known to hold a blob already. */
  blobLocations?(desc: Descriptor): Promise<string[]>;
  /** Storage for a compressed copy of an uncompressed layer the engine compresses on the way. */
  derivedBlob?(info: BlobInfo): Promise<DerivedBlob | null>;
  /** Records that `location` now holds the blob. */
  noteLocation?(desc: Descriptor, info: BlobInfo, location: string): Promise<void>;
}

export interface PreparedImage {
  manifest: OciManifest;
  config: ImageConfig;
  configBytes: Uint8Array;
  diffIDs: Digest[];
}

export interface Reused {
  how: 'exists' | 'mounted';
  /** The repository a mounted blob came from. */
  from?: string;
  desc: Descriptor;
}

/**
 * Lifecycle: prepare() once the config is known, then tryReuseBlob()/putBlob() per blob (concurrently), then
 * putManifest() (the image's manifest, then its index if any), then commit(); dispose in all cases (an uncommitted
 * destination leaves nothing visible).
 */
export interface ImageDestination extends AsyncDisposable {
  readonly location?: string;
  /** Layers must travel compressed (registries): the engine gzips uncompressed ones. */
  readonly wantsCompressedLayers: boolean;
  prepare?(image: PreparedImage): Promise<void>;
  /** The whole image is here already (its config and every layer): no layer is looked at or moved. */
  hasImage?(image: PreparedImage): Promise<boolean>;
  /** The blob is here already (or was made so without sending it); null means send it. */
  tryReuseBlob(desc: Descriptor, info: BlobInfo): Promise<Reused | null>;
  /** Stores a blob. A descriptor without digest/size is learnt from the stream (a layer compressed on the way). */
  putBlob(desc: Descriptor | PartialDescriptor, body: Readable, info: BlobInfo): Promise<Descriptor>;
  /** `top` is what the user's reference names (an index, or the manifest when there is none). */
  putManifest(m: ManifestBytes, opts: { top: boolean }): Promise<void>;
  commit(): Promise<void>;
}

export interface PartialDescriptor {
  mediaType: string;
  digest?: undefined;
  size?: undefined;
}

export type CopyEvent =
  /** The source's top manifest (or index) arrived. */
  | { type: 'manifest'; top: ManifestBytes }
  /** The image to copy is known (its platform chosen, its config read). */
  | { type: 'resolved'; top: ManifestBytes; manifest: ManifestBytes; image: PreparedImage }
  /** The destination lacks this layer: it will be copied (then layer-start … layer-done). */
  | { type: 'layer-pending'; index: number; desc: Descriptor }
  /** The layer waits for a free slot (more layers than the concurrency). */
  | { type: 'layer-wait'; index: number; desc: Descriptor }
  | { type: 'layer-skip'; index: number; desc: Descriptor; how: 'exists' | 'mounted'; from?: string }
  | { type: 'layer-start'; index: number; desc: Descriptor }
  | { type: 'layer-progress'; index: number; desc: Descriptor; current: number; total: number }
  | { type: 'layer-read'; index: number; desc: Descriptor }
  | { type: 'layer-retry'; index: number; desc: Descriptor; offset: number }
  | { type: 'layer-done'; index: number; desc: Descriptor; final: Descriptor };

export interface CopyOptions {
  /** For an index: the platform to copy (the current one by default). */
  platform?: Platform;
  /** Layers moved at once. */
  concurrency?: number;
  onEvent?: (e: CopyEvent) => void;
  /** gzip level for layers compressed on the way. */
  compressionLevel?: number;
}

export interface CopyResult {
  /** Digest of what the reference names at the source (the index if there is one). */
  topDigest: Digest;
  /** Digest of the image manifest written to the destination. */
  manifestDigest: Digest;
  manifestSize: number;
  configDigest: Digest;
  /** Layers actually sent (not found at the destination already). */
  layersCopied: number;
}
