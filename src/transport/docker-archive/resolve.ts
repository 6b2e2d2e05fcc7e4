// Turns what one pass over an archive saw into the images it holds: manifest.json (docker save, both layouts) or
// index.json (a plain OCI layout), every path resolved inside the archive, every tag normalised.

import { posix } from 'node:path';
import { BerthError } from '../../errors.js';
import { parseArchiveManifest, parseImageConfig, parseOciIndex, parseManifest } from '../../oci/validate.js';
import { isIndexType } from '../../oci/media-types.js';
import { hex, sha256, type Digest } from '../../digest/digest.js';
import { parseNormalizedNamed, tagNameOnly } from '../../reference/normalize.js';
import type { ArchiveContents } from './load.js';

export interface ArchiveImage {
  configBytes: Buffer;
  diffIDs: Digest[];
  layerPaths: string[];
  /** The digest each layer blob must have, where its path (`blobs/sha256/<hex>`) or a descriptor names one. */
  layerDigests: (Digest | undefined)[];
  tags: string[];
}

const BLOB_PATH_RE = /^blobs\/sha256\/([a-f0-9]{64})$/;

/** The digest a content-addressed path promises (OCI image layout `blobs/<alg>/<encoded>`). */
function pathDigest(path: string): Digest | undefined {
  const m = BLOB_PATH_RE.exec(path);
  return m ? `sha256:${m[1]}` : undefined;
}

const MAX_LINK_HOPS = 16;

function resolvePath(contents: ArchiveContents, path: string): string {
  let p = posix.normalize(path.replace(/^\.\//, ''));
  if (posix.isAbsolute(p) || p === '..' || p.startsWith('../'))
    throw new BerthError('INVALID_ARGUMENT', `invalid archive: path ${JSON.stringify(path)} escapes the archive`);
  for (let i = 0; i < MAX_LINK_HOPS && contents.links.has(p); i++) p = contents.links.get(p)!;
  return p;
}

function metadata(contents: ArchiveContents, path: string): Buffer {
  const resolved = resolvePath(contents, path);
  const buf = contents.metadata.get(resolved);
  if (!buf) throw new BerthError('INVALID_ARGUMENT', `invalid archive: ${path} not found in the archive`);
  const want = pathDigest(resolved);
  if (want && sha256(buf) !== want)
    throw new BerthError('INVALID_ARGUMENT', `invalid archive: ${resolved}: digest mismatch: expected ${want}, got ${sha256(buf)}`);
  return buf;
}

export function resolveArchiveImages(contents: ArchiveContents): ArchiveImage[] {
  if (contents.metadata.has('manifest.json')) return fromManifestJSON(contents);
  if (contents.metadata.has('index.json')) return fromOciIndex(contents);
  throw new BerthError('INVALID_ARGUMENT', 'invalid archive: does not contain a manifest.json');
}

function fromManifestJSON(contents: ArchiveContents): ArchiveImage[] {
  return parseArchiveManifest(contents.metadata.get('manifest.json')!).map((item) => {
    const configBytes = metadata(contents, item.Config);
    const config = parseImageConfig(configBytes);
    const diffIDs = config.rootfs.diff_ids as Digest[];
    if (item.Layers.length !== diffIDs.length)
      throw new BerthError(
        'INVALID_ARGUMENT',
        `invalid manifest, layers length mismatch: expected ${diffIDs.length}, got ${item.Layers.length}`,
      );
    const layerPaths = item.Layers.map((l) => resolvePath(contents, l));
    return {
      configBytes,
      diffIDs,
      layerPaths,
      layerDigests: layerPaths.map(pathDigest),
      tags: (item.RepoTags ?? []).map((t) => normalizeTag(t)),
    };
  });
}

function blobPath(d: string): string {
  return `blobs/sha256/${hex(d as Digest)}`;
}

function fromOciIndex(contents: ArchiveContents): ArchiveImage[] {
  const out: ArchiveImage[] = [];
  const visit = (bytes: Buffer, depth: number, inheritedName?: string) => {
    if (depth > 4) throw new BerthError('INVALID_ARGUMENT', 'invalid archive: index nesting too deep');
    for (const desc of parseOciIndex(bytes).manifests) {
      const ann = desc.annotations ?? {};
      const name = ann['io.containerd.image.name'] ?? fullRefName(ann['org.opencontainers.image.ref.name']) ?? inheritedName;
      const body = metadata(contents, blobPath(desc.digest));
      if (isIndexType(desc.mediaType)) {
        visit(body, depth + 1, name);
        continue;
      }
      const m = parseManifest(body);
      const configBytes = metadata(contents, blobPath(m.config.digest));
      if (sha256(configBytes) !== m.config.digest)
        throw new BerthError('INVALID_ARGUMENT', `invalid archive: config digest mismatch: expected ${m.config.digest}, got ${sha256(configBytes)}`);
      const config = parseImageConfig(configBytes);
      const diffIDs = config.rootfs.diff_ids as Digest[];
      if (m.layers.length !== diffIDs.length)
        throw new BerthError(
          'INVALID_ARGUMENT',
          `invalid manifest, layers length mismatch: expected ${diffIDs.length}, got ${m.layers.length}`,
        );
      const existing = out.find((o) => o.configBytes.equals(configBytes));
      const tags = name ? [normalizeTag(name)] : [];
      if (existing) existing.tags.push(...tags.filter((t) => !existing.tags.includes(t)));
      else
        out.push({
          configBytes,
          diffIDs,
          layerPaths: m.layers.map((l) => resolvePath(contents, blobPath(l.digest))),
          layerDigests: m.layers.map((l) => l.digest),
          tags,
        });
    }
  };
  visit(contents.metadata.get('index.json')!, 0);
  return out;
}

function normalizeTag(t: string): string {
  return tagNameOnly(parseNormalizedNamed(t)).toString();
}

/** `org.opencontainers.image.ref.name` holds either a full reference or just a tag; only the former names an image. */
function fullRefName(v: string | undefined): string | undefined {
  return v && /[/:]/.test(v) ? v : undefined;
}
