// The RunBackend over berth's container engine: a RUN step's container is made as `berth run` makes one
// (makeContainer: writable layer, anonymous volumes at VOLUME paths, /etc files as bind mounts), run in the
// foreground by supervise() with its output going to the build (no json-file log: Docker's builder sets LogConfig
// "none"), its writable layer staged as `berth commit` stages it, and removed as `berth rm -v` removes one.

import { hostname as osHostname } from 'node:os';
import type { Writable } from 'node:stream';
import type { Store } from '../store/store.js';
import { BerthError } from '../errors.js';
import type { ContainerConfig } from '../oci/types.js';
import { makeContainer } from '../container/create.js';
import { warmCgroupAttach } from '../sys/cgroup-attach-warmup.js';
import { newContainerID } from '../container/names.js';
import { supervise } from '../container/supervise.js';
import { destroyContainer } from '../container/remove.js';
import { runtimeByName } from '../container/runtime/detect.js';
import { initialState, type Container, type NetworkMode } from '../container/record.js';
import { stageWritableLayer } from '../image/commit-container.js';
import type { Staging } from '../lock/staging.js';
import type { StagedLayer } from '../image/commit.js';
import type { RunBackend, RunStepRequest, StepContainer } from './run-backend.js';

/** The network modes berth's containers have; Docker fails the start of a RUN container on any other. */
const NETWORKS: ReadonlySet<string> = new Set(['default', 'bridge', 'none', 'host']);

/** Signals that cancel a build: the running step's container is killed and removed before berth ends. */
const CANCEL: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

class ContainerStep implements StepContainer {
  private removed = false;

  constructor(
    private readonly store: Store,
    private readonly c: Container,
    private readonly network: string,
  ) {}

  get id(): string {
    return this.c.id;
  }

  async run(stdout: Writable, stderr: Writable): Promise<number> {
    if (!NETWORKS.has(this.network)) throw new BerthError('NOT_FOUND', `network ${this.network} not found`);
    let cancelled: NodeJS.Signals | null = null;
    const onSignal = (sig: NodeJS.Signals) => {
      cancelled ??= sig;
      runtimeByName(this.c.runtime, this.store.containers.runtimeRootOf(this.c.id))
        .kill(this.c.id, 'KILL')
        .catch(() => {});
    };
    for (const s of CANCEL) process.on(s, onSignal);
    let result;
    try {
      result = await supervise(this.store, this.c, {
        stdin: 'ignore',
        attach: true,
        terminalHere: false,
        output: { stdout, stderr },
        log: false,
      });
    } finally {
      for (const s of CANCEL) process.off(s, onSignal);
    }
    if (cancelled) {
      // Docker's builder removes the container of a cancelled step; then end as the signal would have ended us.
      await this.remove();
      process.kill(process.pid, cancelled);
    }
    if (result.startError) throw result.startError;
    return result.exitCode;
  }

  stageLayer(staging: Staging, opts: { keep?: boolean } = {}): Promise<StagedLayer | null> {
    // The upper directory is moved into the layer store unless the container is to be kept (`--rm=false`).
    return stageWritableLayer(this.store, this.c.id, staging, { consume: !opts.keep });
  }

  async remove(): Promise<void> {
    if (this.removed) return;
    const now = (await this.store.containers.get(this.c.id)) ?? this.c;
    await destroyContainer(this.store, now, { volumes: true });
    this.removed = true;
  }
}

/** RUN through berth's own containers, on `store`. */
export function containerRunBackend(store: Store): RunBackend {
  return {
    async create(req: RunStepRequest): Promise<StepContainer> {
      // The step's container starts right after it is made: let the cgroup attach lock warm up meanwhile (supervise
      // stops it once runc has attached the process).
      warmCgroupAttach();
      const id = newContainerID();
      const argv = (req.config.Cmd as string[] | null) ?? [];
      if (argv.length === 0) throw new BerthError('INVALID_ARGUMENT', 'No command specified');
      const config = {
        ...(req.config as ContainerConfig),
        Hostname: req.network === 'host' ? osHostname() : id.slice(0, 12),
      };
      const rec = await makeContainer(store, {
        id,
        name: '',
        image: req.image,
        parentChainID: req.parentChainID,
        config,
        path: argv[0],
        args: argv.slice(1),
        mounts: [],
        binds: [],
        tmpfs: {},
        network: req.network as NetworkMode,
        readOnly: false,
        autoRemove: false,
      });
      return new ContainerStep(store, { ...rec, state: initialState() }, req.network);
    },
  };
}
