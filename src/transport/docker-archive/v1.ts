// Docker's legacy v1 layer IDs and `<v1id>/json` files for the classic `docker save` layout (moby
// image/v1/imagev1.go CreateID, image/tarexport/save.go saveImage): reproducing them makes berth's archive
// byte-identical to Docker's. One entry per diff_id (empty_layer history rows have none), bottom to top.

import { BerthError } from '../../errors.js';
import { chainIDs, hex, sha256, type Digest } from '../../digest/digest.js';
import { goJSON } from '../../format/go-json.js';
import { formatRFC3339Nano } from '../../format/go-time.js';
import { goContainerConfig } from '../../oci/docker-container-config.js';
import { v1ImageOf, type V1Image } from '../../oci/docker-v1-image.js';

export interface V1Layer {
  /** 64 hex: the directory name in the archive. */
  id: string;
  /** The exact bytes of `<id>/json` (no trailing newline). */
  json: string;
  /** The v1 ID of the layer below, bare hex. */
  parent?: string;
}

export interface V1LayerOptions {
  /**
   * Lower layers carry `time.Unix(0, 0)` in the Docker daemon's local zone: its offset at the epoch. Default 0
   * (a daemon running in UTC, which prints `1970-01-01T00:00:00Z`).
   */
  epochOffsetSeconds?: number;
}

/** The image a layer below the top is saved with: the epoch (in the daemon's zone) and an empty container config. */
function lowerImage(opts: V1LayerOptions): V1Image {
  return {
    created: formatRFC3339Nano({ seconds: 0, nanos: 0, offsetSeconds: opts.epochOffsetSeconds ?? 0 }),
    container_config: goContainerConfig(undefined),
  };
}

/** CreateID: the image (without os for lower layers: save sets it afterwards) hashed as a map, keys sorted. */
function createID(img: V1Image, chainID: Digest, parent: string | undefined): string {
  const hashed = new Map<string, unknown>(Object.entries(img).filter(([, v]) => v !== undefined));
  hashed.set('layer_id', chainID);
  if (parent) hashed.set('parent', `sha256:${parent}`);
  return hex(sha256(goJSON(hashed)));
}

/**
 * The v1 ID of layer `chainID` wherever it is not an image's top layer: it depends only on the chain below (the
 * parent's own lower v1 ID), not on any image config, so a layer stored for one image is recognised by name in the
 * archive of another that has it lower down.
 */
export function v1LowerID(chainID: Digest, parentLowerID: string | undefined, opts: V1LayerOptions = {}): string {
  return createID(lowerImage(opts), chainID, parentLowerID);
}

export function v1Layers(configBytes: Uint8Array, diffIDs: readonly Digest[], opts: V1LayerOptions = {}): V1Layer[] {
  if (diffIDs.length === 0) throw new BerthError('FAILED_PRECONDITION', 'empty export - not implemented');
  const top = v1ImageOf(JSON.parse(new TextDecoder().decode(configBytes)));
  const lower = lowerImage(opts);
  const chains = chainIDs(diffIDs);
  const out: V1Layer[] = [];
  let parent: string | undefined;
  chains.forEach((chainID, i) => {
    const img = i === chains.length - 1 ? top : lower;
    const id = createID(img, chainID, parent);
    out.push({ id, json: goJSON({ id, parent, ...img, os: top.os }), parent });
    parent = id;
  });
  return out;
}
