// Media types of the OCI image spec (`media-types.md`) and of Docker's schema 2 (distribution
// `docs/spec/manifest-v2-2.md`), and the questions berth asks about them.

export const MediaType = {
  OciDescriptor: 'application/vnd.oci.descriptor.v1+json',
  OciLayoutHeader: 'application/vnd.oci.layout.header.v1+json',
  OciIndex: 'application/vnd.oci.image.index.v1+json',
  OciManifest: 'application/vnd.oci.image.manifest.v1+json',
  OciConfig: 'application/vnd.oci.image.config.v1+json',
  OciLayer: 'application/vnd.oci.image.layer.v1.tar',
  OciLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  OciLayerZstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
  /** Deprecated in image-spec 1.1 ("non-distributable" layers); still found in Windows images. */
  OciLayerNonDistributable: 'application/vnd.oci.image.layer.nondistributable.v1.tar',
  OciLayerNonDistributableGzip: 'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip',
  OciLayerNonDistributableZstd: 'application/vnd.oci.image.layer.nondistributable.v1.tar+zstd',
  OciEmpty: 'application/vnd.oci.empty.v1+json',

  DockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  DockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  DockerConfig: 'application/vnd.docker.container.image.v1+json',
  DockerLayer: 'application/vnd.docker.image.rootfs.diff.tar',
  DockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  DockerLayerZstd: 'application/vnd.docker.image.rootfs.diff.tar.zstd',
  DockerLayerForeign: 'application/vnd.docker.image.rootfs.foreign.diff.tar',
  DockerLayerForeignGzip: 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
  DockerPluginConfig: 'application/vnd.docker.plugin.v1+json',
  DockerSchema1Manifest: 'application/vnd.docker.distribution.manifest.v1+json',
  DockerSchema1SignedManifest: 'application/vnd.docker.distribution.manifest.v1+prettyjws',
} as const;

export type MediaTypeName = (typeof MediaType)[keyof typeof MediaType];
export type LayerCompression = 'none' | 'gzip' | 'zstd';

const INDEXES: ReadonlySet<string> = new Set([MediaType.OciIndex, MediaType.DockerManifestList]);
const MANIFESTS: ReadonlySet<string> = new Set([MediaType.OciManifest, MediaType.DockerManifest]);
const CONFIGS: ReadonlySet<string> = new Set([MediaType.OciConfig, MediaType.DockerConfig]);

const LAYERS: ReadonlyMap<string, LayerCompression> = new Map([
  [MediaType.OciLayer, 'none'],
  [MediaType.OciLayerGzip, 'gzip'],
  [MediaType.OciLayerZstd, 'zstd'],
  [MediaType.OciLayerNonDistributable, 'none'],
  [MediaType.OciLayerNonDistributableGzip, 'gzip'],
  [MediaType.OciLayerNonDistributableZstd, 'zstd'],
  [MediaType.DockerLayer, 'none'],
  [MediaType.DockerLayerGzip, 'gzip'],
  [MediaType.DockerLayerZstd, 'zstd'],
  [MediaType.DockerLayerForeign, 'none'],
  [MediaType.DockerLayerForeignGzip, 'gzip'],
]);

const FOREIGN: ReadonlySet<string> = new Set([
  MediaType.DockerLayerForeign,
  MediaType.DockerLayerForeignGzip,
  MediaType.OciLayerNonDistributable,
  MediaType.OciLayerNonDistributableGzip,
  MediaType.OciLayerNonDistributableZstd,
]);

/** Content-Type values may carry parameters (`; charset=utf-8`); media types compare without them. */
export function baseMediaType(contentType: string): string {
  const semi = contentType.indexOf(';');
  return (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
}

export function isIndexType(mt: string): boolean {
  return INDEXES.has(baseMediaType(mt));
}

export function isManifestType(mt: string): boolean {
  return MANIFESTS.has(baseMediaType(mt));
}

export function isConfigType(mt: string): boolean {
  return CONFIGS.has(baseMediaType(mt));
}

export function isLayerType(mt: string): boolean {
  return LAYERS.has(baseMediaType(mt));
}

/** Foreign / non-distributable layers: not pushed to registries, fetched from their `urls`. */
export function isForeignLayerType(mt: string): boolean {
  return FOREIGN.has(baseMediaType(mt));
}

/** The compression a layer media type declares; undefined for a type that is not a known layer. */
export function layerCompression(mt: string): LayerCompression | undefined {
  return LAYERS.get(baseMediaType(mt));
}

/** The media types berth sends in a registry `Accept` header, preferred first. */
export const MANIFEST_ACCEPT: readonly string[] = [
  MediaType.OciIndex,
  MediaType.DockerManifestList,
  MediaType.OciManifest,
  MediaType.DockerManifest,
];
