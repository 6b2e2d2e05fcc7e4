// The JSON documents images are made of, as TypeScript types: OCI descriptor, manifest, index and image config
// (image-spec `descriptor.md`, `manifest.md`, `image-index.md`, `config.md`), Docker's schema 2 variants and its
// image JSON (moby `image/image.go`, `api/types/container/config.go`), and docker-archive's manifest.json (moby
// `image/tarexport`). Fields Go writes as `null` (nil slices and maps) are typed `| null`. Types only: validators
// live in validate.ts so that zod stays off the `run` path.

import type { Digest } from '../digest/digest.js';

export interface Platform {
  architecture: string;
  os: string;
  'os.version'?: string;
  'os.features'?: string[] | null;
  variant?: string;
  features?: string[] | null;
}

export interface Descriptor {
  mediaType: string;
  digest: Digest;
  size: number;
  urls?: string[] | null;
  annotations?: Record<string, string> | null;
  /** Base64 of the content itself (image-spec 1.1 embedded data). */
  data?: string;
  platform?: Platform;
  artifactType?: string;
}

/** An OCI image manifest or a Docker schema 2 manifest: the same shape under two media types. */
export interface OciManifest {
  schemaVersion: 2;
  mediaType?: string;
  artifactType?: string;
  config: Descriptor;
  layers: Descriptor[];
  subject?: Descriptor;
  annotations?: Record<string, string> | null;
}

export interface OciIndex {
  schemaVersion: 2;
  mediaType?: string;
  artifactType?: string;
  manifests: Descriptor[];
  subject?: Descriptor;
  annotations?: Record<string, string> | null;
}

/** Docker's manifest list: an index whose entries carry a platform. */
export interface DockerManifestList extends OciIndex {
  mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json';
}

/** The `oci-layout` file at the root of an OCI image layout. */
export interface OciLayoutHeader {
  imageLayoutVersion: string;
}

/** Durations are Go time.Duration values, in nanoseconds. */
export interface HealthConfig {
  Test?: string[] | null;
  Interval?: number;
  Timeout?: number;
  StartPeriod?: number;
  StartInterval?: number;
  Retries?: number;
}

/** The `config` (and legacy `container_config`) object: Docker's container.Config, a superset of OCI's. */
export interface ContainerConfig {
  Hostname?: string;
  Domainname?: string;
  User?: string;
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  ExposedPorts?: Record<string, object | null> | null;
  Tty?: boolean;
  OpenStdin?: boolean;
  StdinOnce?: boolean;
  Env?: string[] | null;
  Cmd?: string[] | null;
  Healthcheck?: HealthConfig | null;
  ArgsEscaped?: boolean;
  Image?: string;
  Volumes?: Record<string, object | null> | null;
  WorkingDir?: string;
  Entrypoint?: string[] | null;
  NetworkDisabled?: boolean;
  MacAddress?: string;
  OnBuild?: string[] | null;
  Labels?: Record<string, string> | null;
  StopSignal?: string;
  StopTimeout?: number | null;
  Shell?: string[] | null;
  Memory?: number;
  MemorySwap?: number;
  CpuShares?: number;
}

export interface HistoryEntry {
  created?: string | null;
  created_by?: string;
  author?: string;
  comment?: string;
  empty_layer?: boolean;
}

export interface RootFS {
  type: 'layers';
  /** Always an array after validation (Go omits it when empty). */
  diff_ids: Digest[];
}

/** The image config JSON; its sha256 is the image ID. */
export interface ImageConfig {
  architecture?: string;
  os?: string;
  'os.version'?: string;
  'os.features'?: string[] | null;
  variant?: string;
  created?: string | null;
  author?: string;
  config?: ContainerConfig | null;
  container?: string;
  container_config?: ContainerConfig | null;
  docker_version?: string;
  comment?: string;
  /** Legacy v1 fields, found in old images. */
  id?: string;
  parent?: string;
  Size?: number;
  rootfs: RootFS;
  history?: HistoryEntry[] | null;
}

/** One entry of a docker-archive's manifest.json. Paths are relative to the archive root. */
export interface ArchiveManifestItem {
  Config: string;
  RepoTags: string[] | null;
  Layers: string[];
  Parent?: Digest;
  LayerSources?: Record<Digest, Descriptor>;
}
