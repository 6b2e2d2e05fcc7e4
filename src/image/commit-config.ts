// The config of an image made by `commit`, byte for byte as Docker 20.10 writes it (moby image.NewChildImage and
// Image.MarshalJSON): the parent's rootfs and history plus one layer and one row, the container's config as
// `container_config`, the new config (container config + `--change`s) as `config`, top-level keys sorted.

import type { Digest } from '../digest/digest.js';
import { goJSON } from '../format/go-json.js';
import { formatRFC3339Nano, GO_ZERO_TIME, parseRFC3339, type GoTime } from '../format/go-time.js';
import { goContainerConfig, isObject } from '../oci/docker-container-config.js';
import { currentPlatform } from '../oci/platform.js';
import { ENGINE_VERSION } from '../version.js';
import { applyChange } from './change.js';

type Obj = Record<string, unknown>;

export interface CommitConfigInput {
  /** The parent image's config, parsed. */
  parent: Obj;
  containerID: string;
  /** Docker's container.Config of the container. */
  containerConfig: unknown;
  /** `--change` instructions. */
  changes?: string[];
  author?: string;
  comment?: string;
  /** The new layer's diffID, or null when the container changed nothing (an empty layer). */
  diffID: Digest | null;
  /** When (Go time, for nanoseconds): `goTimeNow()`. */
  created: GoTime;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** time.Time decoded and encoded again: RFC 3339 with trailing zeros of the fraction dropped, offset kept. */
function goTime(v: unknown): string {
  return formatRFC3339Nano((typeof v === 'string' && parseRFC3339(v)) || GO_ZERO_TIME);
}

/** One image.History entry as Go encodes it. */
function historyRow(h: unknown): Obj {
  const row = isObject(h) ? h : {};
  return {
    created: goTime(row.created),
    author: str(row.author) || undefined,
    created_by: str(row.created_by) || undefined,
    comment: str(row.comment) || undefined,
    empty_layer: row.empty_layer === true || undefined,
  };
}

/**
 * The new image's config (container.Config): the container's, with the changes applied as Docker's
 * BuildFromConfig does. An ENTRYPOINT change drops the command unless a CMD change came before it.
 */
export function commitContainerConfig(containerConfig: unknown, changes: readonly string[] = []): Obj {
  const config: Obj = isObject(containerConfig) ? structuredClone(containerConfig) : {};
  const shellOf = () => (Array.isArray(config.Shell) && config.Shell.length > 0 ? (config.Shell as string[]) : undefined);
  let cmdSet = false;
  for (const c of changes) {
    const instr = /^\s*(\w+)/.exec(c)?.[1]?.toUpperCase();
    applyChange(config, c, shellOf());
    if (instr === 'CMD') cmdSet = true;
    if (instr === 'ENTRYPOINT' && !cmdSet) config.Cmd = null;
  }
  return config;
}

export function commitConfigBytes(input: CommitConfigInput): Buffer {
  const p = input.parent;
  const created = formatRFC3339Nano(input.created);
  const containerConfig = isObject(input.containerConfig) ? input.containerConfig : {};
  const cmd = Array.isArray(containerConfig.Cmd) ? containerConfig.Cmd.map(str) : [];
  const parentRootfs = isObject(p.rootfs) ? p.rootfs : {};
  const parentDiffIDs = Array.isArray(parentRootfs.diff_ids) ? (parentRootfs.diff_ids as Digest[]) : [];
  const diffIDs = input.diffID ? [...parentDiffIDs, input.diffID] : parentDiffIDs;
  const history = Array.isArray(p.history) ? p.history.map(historyRow) : [];
  history.push(
    historyRow({
      created,
      author: input.author,
      created_by: cmd.join(' '),
      comment: input.comment,
      empty_layer: input.diffID === null,
    }),
  );
  const osFeatures = Array.isArray(p['os.features']) && p['os.features'].length > 0 ? p['os.features'] : undefined;
  const config = {
    architecture: str(p.architecture) || currentPlatform().architecture,
    author: input.author || undefined,
    config: goContainerConfig(commitContainerConfig(input.containerConfig, input.changes)),
    container: input.containerID,
    container_config: goContainerConfig(input.containerConfig),
    created,
    docker_version: ENGINE_VERSION,
    history,
    os: str(p.os) || 'linux',
    'os.features': osFeatures,
    'os.version': str(p['os.version']) || undefined,
    rootfs: { type: str(parentRootfs.type) || 'layers', diff_ids: diffIDs.length > 0 ? diffIDs : undefined },
    variant: str(p.variant) || undefined,
  };
  return Buffer.from(goJSON(config));
}
