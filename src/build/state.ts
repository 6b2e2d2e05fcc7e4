// What the builder carries from one instruction to the next within a stage: the current image (ID, parsed config,
// layers), the run config that instructions edit (Docker's container.Config, Go field names), the maintainer, and
// the shell. Also the helpers that derive the probe/commit configs the classic builder writes.

import type { Digest } from '../digest/digest.js';
import type { HistoryEntry, ImageConfig } from '../oci/types.js';
import { currentPlatform } from '../oci/platform.js';

export type RunConfig = Record<string, unknown>;

export const DEFAULT_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
export const DEFAULT_SHELL = ['/bin/sh', '-c'];

export interface BuildState {
  /** null for `FROM scratch` until the first commit. */
  imageID: Digest | null;
  /** The parsed config of imageID (a synthetic empty one for scratch). */
  image: ImageConfig;
  /** chainIDs of imageID's layers, bottom to top. */
  chain: Digest[];
  runConfig: RunConfig;
  maintainer: string;
  /** CMD was given in this stage (ENTRYPOINT then keeps it; otherwise ENTRYPOINT clears the inherited Cmd). */
  cmdSet: boolean;
  stageName: string | null;
  stageIndex: number;
}

export function scratchImage(): ImageConfig {
  const p = currentPlatform();
  return { architecture: p.architecture, os: p.os, variant: p.variant, rootfs: { type: 'layers', diff_ids: [] }, history: [] };
}

/** A deep copy (configs are plain JSON). */
export function copyConfig<T>(c: T): T {
  return c === undefined ? c : (JSON.parse(JSON.stringify(c)) as T);
}

/** Docker's beginStage: the image's config, PATH defaulted, stdin flags off. */
export function initialRunConfig(image: ImageConfig): RunConfig {
  const rc: RunConfig = copyConfig((image.config ?? {}) as RunConfig) ?? {};
  const env = Array.isArray(rc.Env) ? (rc.Env as string[]) : [];
  if (!env.some((e) => e.startsWith('PATH='))) rc.Env = [...env, DEFAULT_PATH];
  rc.OpenStdin = false;
  rc.StdinOnce = false;
  return rc;
}

export function shellOf(rc: RunConfig): string[] {
  const s = rc.Shell as string[] | null | undefined;
  return s && s.length ? s : DEFAULT_SHELL;
}

export function envOf(rc: RunConfig): string[] {
  return Array.isArray(rc.Env) ? (rc.Env as string[]) : [];
}

/** The run config with Cmd = SHELL + `#(nop) ` + comment (config-only instructions). */
export function withCmdComment(rc: RunConfig, comment: string): RunConfig {
  return { ...copyConfig(rc), Cmd: [...shellOf(rc), '#(nop) ', comment] };
}

/** The run config with Cmd = SHELL + `#(nop) <comment>` as one word (COPY, ADD, WORKDIR). */
export function withCmdCommentString(rc: RunConfig, comment: string): RunConfig {
  return { ...copyConfig(rc), Cmd: [...shellOf(rc), `#(nop) ${comment}`] };
}

export function historyOf(image: ImageConfig): HistoryEntry[] {
  return image.history ?? [];
}
