// The config of one build step's image, as the classic builder's NewChildImage/CommitImage write it: the parent's
// platform, rootfs and history plus one row, `config` = the run config, `container_config` = the probe config,
// `container` when a container made it; top-level keys sorted (Docker re-marshals through a map).

import type { Digest } from '../digest/digest.js';
import type { HistoryEntry, ImageConfig } from '../oci/types.js';
import { goJSON } from '../format/go-json.js';
import { goContainerConfig } from '../oci/docker-container-config.js';
import { currentPlatform } from '../oci/platform.js';
import { ENGINE_VERSION } from '../version.js';
import type { RunConfig } from './state.js';

export interface ChildConfigInput {
  parent: ImageConfig;
  config: RunConfig;
  containerConfig: RunConfig;
  /** The container's full ID, for steps that ran (or, for config-only steps, would have run) a container. */
  container?: string;
  author: string;
  /** The new layer's diffID; absent for an empty layer. */
  diffID?: Digest;
  created: string;
}

export function childConfig(input: ChildConfigInput): Buffer {
  const p = input.parent;
  const cmd = (input.containerConfig.Cmd as string[] | null) ?? [];
  const row: HistoryEntry = {
    created: input.created,
    author: input.author || undefined,
    created_by: cmd.join(' '),
    comment: undefined,
    empty_layer: input.diffID ? undefined : true,
  };
  const history = [...(p.history ?? []), row].map((h) => ({
    created: h.created ?? undefined,
    author: h.author || undefined,
    created_by: h.created_by || undefined,
    comment: h.comment || undefined,
    empty_layer: h.empty_layer || undefined,
  }));
  const diffIDs = [...(p.rootfs?.diff_ids ?? []), ...(input.diffID ? [input.diffID] : [])];
  const fields: Record<string, unknown> = {
    architecture: p.architecture || currentPlatform().architecture,
    author: input.author || undefined,
    config: goContainerConfig(input.config),
    container: input.container || undefined,
    container_config: goContainerConfig(input.containerConfig),
    created: input.created,
    docker_version: ENGINE_VERSION,
    history,
    os: p.os || 'linux',
    'os.features': p['os.features']?.length ? p['os.features'] : undefined,
    'os.version': p['os.version'] || undefined,
    rootfs: { type: 'layers', diff_ids: diffIDs },
    variant: p.variant || undefined,
  };
  const sorted: Record<string, unknown> = {};
  for (const k of Object.keys(fields).sort()) sorted[k] = fields[k];
  return Buffer.from(goJSON(sorted));
}
