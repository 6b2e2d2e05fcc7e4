// Turns one build step into an image in the store: the config blob first, then (for a layer step) the staged
// layer and the image record with its parent, so the next build finds it as a cached child. Tags come at the end
// of the build, never here, so a failed build leaves nothing tagged.

import { randomBytes } from '../sys/random.js';
import type { Store } from '../store/store.js';
import type { Staging } from '../lock/staging.js';
import { chainIDs, sha256, type Digest } from '../digest/digest.js';
import type { ImageConfig } from '../oci/types.js';
import { commitImage, type StagedLayer } from '../image/commit.js';
import { formatRFC3339Nano, goTimeNow } from '../format/go-time.js';
import { childConfig } from './image-config.js';
import type { BuildCache } from './cache.js';
import type { BuildState, RunConfig } from './state.js';

export interface StepCommit {
  /** The run config after the instruction (the new image's `config`). */
  config: RunConfig;
  /** The probe config (the new image's `container_config`). */
  containerConfig: RunConfig;
  container?: string;
  layer?: StagedLayer;
}

/** A container ID in Docker's form (64 hex), for steps that record one. */
export const newContainerID = (): string => randomBytes(32).toString('hex');

/** Docker's `created`: RFC 3339 UTC with nanoseconds (the classic builder's time.Now().UTC()). */
export function nowRFC3339(): string {
  return formatRFC3339Nano(goTimeNow());
}

export async function commitStep(store: Store, staging: Staging, cache: BuildCache, state: BuildState, step: StepCommit): Promise<void> {
  const bytes = childConfig({
    parent: state.image,
    config: step.config,
    containerConfig: step.containerConfig,
    container: step.container,
    author: state.maintainer,
    diffID: step.layer?.layer.diffID,
    created: nowRFC3339(),
  });
  const id = sha256(bytes);
  await store.content.put(staging.dir, bytes, id);
  await staging.protect(id);
  const image = JSON.parse(bytes.toString('utf8')) as ImageConfig;
  const diffIDs = image.rootfs.diff_ids;
  const staged = new Map<Digest, StagedLayer>();
  if (step.layer) staged.set(step.layer.layer.diffID, step.layer);
  await commitImage(store, { configBytes: bytes, diffIDs, staged, tags: [], parent: state.imageID ?? undefined });
  cache.add(id, state.imageID);
  state.imageID = id;
  state.image = image;
  state.chain = chainIDs(diffIDs);
  state.runConfig = { ...state.runConfig, Image: id };
}

/** A cache hit: the step's image becomes the current one. */
export function useCached(state: BuildState, id: Digest, image: ImageConfig, chain?: Digest[]): void {
  state.imageID = id;
  state.image = image;
  state.chain = chain ? [...chain] : chainIDs(image.rootfs.diff_ids);
  state.runConfig = { ...state.runConfig, Image: id };
}
