// What RUN needs from the container side: a container made from the current image with the step's config, run in
// the foreground with its output streamed to the build, its writable layer staged as a layer, and its removal. The
// builder depends only on this interface and decides when to remove (Docker's --rm/--force-rm); run-container.ts
// implements it over src/container and src/image, the same code paths as `berth run` and `berth commit`.

import type { Writable } from 'node:stream';
import type { Digest } from '../digest/digest.js';
import type { Staging } from '../lock/staging.js';
import type { StagedLayer } from '../image/commit.js';
import type { RunConfig } from './state.js';

export interface RunStepRequest {
  /** The image the command runs on (null for a RUN right after `FROM scratch`). */
  image: Digest | null;
  /** Top chainID of that image's layers (null when it has none). */
  parentChainID: Digest | null;
  /**
   * container.Config for the run: Cmd is the argv (SHELL + command, or the JSON form), Entrypoint is empty, Env
   * holds the image's Env plus the build args, User and WorkingDir as the stage set them (the runtime creates a
   * missing working directory), Volumes the VOLUME paths, which get anonymous volumes (so RUN's writes there are
   * discarded, as with Docker). Hostname is set from the container's ID by the backend.
   */
  config: RunConfig;
  /** `--network` of the build (default, none, host). */
  network: string;
}

/** One RUN step's container, made and not yet started. */
export interface StepContainer {
  /** The container's ID (64 hex). */
  readonly id: string;
  /**
   * Runs the command to completion in the foreground, its stdout and stderr written to the given streams; resolves
   * with its exit code. Rejects (with the runtime's message) when the process could not be started.
   */
  run(stdout: Writable, stderr: Writable): Promise<number>;
  /**
   * The container's changes as a layer staged in `staging` (the writable layer alone: /etc/hosts, /etc/hostname and
   * /etc/resolv.conf are bind mounts and never in it); null when the container changed nothing. The writable layer
   * may be taken over by the staged layer: after this, the container can only be removed.
   */
  /** `keep`: leave the container's writable layer intact (the container outlives the step). */
  stageLayer(staging: Staging, opts?: { keep?: boolean }): Promise<StagedLayer | null>;
  /** Removes the container, its writable layer and its anonymous volumes. Safe to repeat. */
  remove(): Promise<void>;
}

export interface RunBackend {
  /** Creates the step's container (its record, writable layer, volumes and /etc files); fails before making any. */
  create(req: RunStepRequest): Promise<StepContainer>;
}
