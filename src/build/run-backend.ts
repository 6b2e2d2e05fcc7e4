// What RUN needs from the container side (src/container + src/snapshot, built in parallel): run one command in a
// container made from the current image with the given config, stream its output, and hand back its writable
// layer as a staged layer. The builder depends only on this interface; the CLI supplies the implementation.

import type { Writable } from 'node:stream';
import type { Digest } from '../digest/digest.js';
import type { Staging } from '../lock/staging.js';
import type { StagedLayer } from '../image/commit.js';
import type { RunConfig } from './state.js';

export interface RunStepRequest {
  /** The container's ID (64 hex), already printed as ` ---> Running in <12 hex>`. */
  id: string;
  /** Top chainID of the image the command runs on (null for scratch). */
  parentChainID: Digest | null;
  /**
   * container.Config for the run: Cmd is the argv (SHELL + command, or the JSON form), Entrypoint is empty, Env
   * holds the image's Env plus the build args, User and WorkingDir as the stage set them (the runtime creates a
   * missing working directory). Hostname is the first 12 hex of `id`.
   */
  config: RunConfig;
  /** `--network` of the build (default, none, host). */
  network: string;
  /** VOLUME paths of the image: Docker mounts anonymous volumes there, so RUN's writes to them are discarded. */
  volumes: string[];
  stdout: Writable;
  stderr: Writable;
  /** Where the committed layer goes (a subdirectory of this staging area). */
  staging: Staging;
}

export interface RunStepResult {
  exitCode: number;
  /**
   * The container's changes as a staged layer (diff of the writable layer, without /etc/hosts, /etc/hostname and
   * /etc/resolv.conf, which are bind mounts); null when the container changed nothing. Only read when exitCode is 0.
   */
  layer: StagedLayer | null;
}

export interface RunBackend {
  /** Creates the container, runs it in the foreground to completion, commits its writable layer, removes it. */
  run(req: RunStepRequest): Promise<RunStepResult>;
}
