// `import`: a root filesystem tar (plain, gzip, zstd or xz) becomes a one-layer image with Docker's import config
// (comment `Imported from -` or the source, `--change` instructions applied, one history row).

import type { Readable } from 'node:stream';
import type { Store } from '../store/store.js';
import { unpackLayer } from '../layer/unpack.js';
import { commitImage, type StagedLayer } from './commit.js';
import { applyChange } from './change.js';
import { goJSON } from '../format/go-json.js';
import { formatRFC3339Nano, goTimeNow } from '../format/go-time.js';
import { goContainerConfig } from '../oci/docker-container-config.js';
import { currentPlatform } from '../oci/platform.js';
import { BerthError } from '../errors.js';
import { sha256, type Digest } from '../digest/digest.js';
import { parseNormalizedNamed, tagNameOnly } from '../reference/normalize.js';
import { ENGINE_VERSION } from '../version.js';

export interface ImportOptions {
  /** Where the tar came from: `-` for stdin, a path or a URL (used in the default comment). */
  source: string;
  message?: string;
  changes?: string[];
  tag?: string;
  platform?: string;
}

export async function importImage(store: Store, input: Readable, opts: ImportOptions): Promise<Digest> {
  const tag = opts.tag ? tagNameOnly(parseNormalizedNamed(opts.tag)) : undefined;
  if (tag?.digest) throw new BerthError('INVALID_ARGUMENT', 'refusing to create a tag with a digest reference');
  const inner: Record<string, unknown> = {};
  for (const c of opts.changes ?? []) applyChange(inner, c);
  await using staging = await store.staging();
  const dir = await staging.subdir('layer');
  const layer = await unpackLayer(store.content, input, dir, { staging: staging.dir, publish: false });
  const created = formatRFC3339Nano(goTimeNow());
  const comment = opts.message || `Imported from ${opts.source}`;
  const platform = currentPlatform();
  const [os, arch, variant] = (opts.platform ?? '').split('/');
  const config = {
    architecture: arch || platform.architecture,
    comment,
    config: goContainerConfig(inner),
    container_config: goContainerConfig(undefined),
    created,
    docker_version: ENGINE_VERSION,
    history: [{ created, comment }],
    os: os || platform.os,
    variant: variant || undefined,
    rootfs: { type: 'layers', diff_ids: [layer.diffID] },
  };
  const bytes = Buffer.from(goJSON(config));
  const id = sha256(bytes);
  await store.content.put(staging.dir, bytes, id);
  const staged = new Map<Digest, StagedLayer>([[layer.diffID, { dir, layer }]]);
  await commitImage(store, {
    configBytes: bytes,
    diffIDs: [layer.diffID],
    staged,
    tags: tag ? [tag.toString()] : [],
    staging: staging.dir,
  });
  return id;
}
