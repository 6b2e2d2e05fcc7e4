// A container as berth stores it: the record written once at create (config.json, Docker's container.Config and
// the host options that shaped it) and the state that the process supervisor rewrites as the container runs.

import type { Digest } from '../digest/digest.js';
import type { ContainerConfig } from '../oci/types.js';
import type { DeviceMapping } from './user-devices.js';
import type { LogConfig } from './log-config.js';

/** `container:<id>` shares another container's network (join-namespaces.ts). */
export type NetworkMode = 'default' | 'bridge' | 'none' | 'host' | `container:${string}`;

/** One mount as the user asked for it and as it was resolved (Docker's MountPoint). */
export interface MountPoint {
  type: 'bind' | 'volume' | 'tmpfs';
  /** Host path (bind), the volume's _data directory (volume), empty (tmpfs). */
  source: string;
  destination: string;
  rw: boolean;
  /** Volume name (volume mounts). */
  name?: string;
  /** A volume berth made for this container alone (`-v /path`, image VOLUME): `rm -v` deletes it. */
  anonymous?: boolean;
  /** bind propagation (`rprivate` by default). */
  propagation?: string;
  /** tmpfs mount options (`size=64m,mode=1777`). */
  options?: string[];
  /** Docker's MountPoint.Mode: the flags string after the second colon of `-v` (`ro`, `z`…). */
  mode?: string;
  /** How it was asked for: `-v` (a Binds entry) or `--mount`/`--tmpfs`/image VOLUME. */
  spec: 'bind-flag' | 'mount-flag' | 'tmpfs-flag' | 'image';
}

/** The host-side options of `create`/`run` (Docker's HostConfig, the parts berth acts on). */
export interface HostOptions {
  binds: string[] | null;
  networkMode: NetworkMode;
  autoRemove: boolean;
  readonlyRootfs: boolean;
  tmpfs: Record<string, string> | null;
  /** `--entrypoint ''` and the like are already folded into config; these are kept for inspect. */
  mounts: { Type: string; Source?: string; Target: string; ReadOnly?: boolean }[] | null;
  /** `--cap-add`/`--cap-drop` as given (absent in records of older berths). */
  capAdd?: string[] | null;
  capDrop?: string[] | null;
  /** `--add-host` (`name:ip`) and `--dns` as given. */
  extraHosts?: string[] | null;
  dns?: string[];
  /** `--shm-size`, `--memory` (bytes) and `--cpus` (billionths of a CPU); 0 when not given. */
  shmSize?: number;
  memory?: number;
  nanoCpus?: number;
  /** `--group-add` as given; `--pid`/`--ipc`/`--uts` (`host` shares the host's namespace); `--sysctl`. */
  groupAdd?: string[] | null;
  pidMode?: string;
  ipcMode?: string;
  utsMode?: string;
  sysctls?: Record<string, string> | null;
  /** `--restart` (Docker's HostConfig.RestartPolicy); absent is `no`. */
  restartPolicy?: { Name: string; MaximumRetryCount: number };
  /** `--privileged`: every capability and host device, no masked or read-only /proc and /sys paths. */
  privileged?: boolean;
  /** `--cidfile`'s path (HostConfig.ContainerIDFile). */
  containerIDFile?: string;
  /** `--init`: tini (Docker's docker-init) runs first, as /sbin/docker-init, and runs the command. */
  init?: boolean;
  /** `--ulimit`s (Docker's HostConfig.Ulimits); lowering works, raising needs CAP_SYS_RESOURCE. */
  ulimits?: Ulimit[] | null;
  /** `--device`s (Docker's HostConfig.Devices), resolved to device nodes when the container starts. */
  devices?: DeviceMapping[] | null;
  /** `--security-opt`s as given (HostConfig.SecurityOpt), and what they decided (security-opts.ts). */
  securityOpt?: string[];
  noNewPrivileges?: boolean;
  /** `--log-driver`/`--log-opt` when not the default json-file without options (HostConfig.LogConfig). */
  logConfig?: LogConfig;
  /** `--userns host` (HostConfig.UsernsMode). */
  usernsMode?: string;
}

export interface Ulimit {
  Name: string;
  Hard: number;
  Soft: number;
}

export interface ContainerRecord {
  /** 64 lowercase hex digits. */
  id: string;
  /** Without Docker's leading slash. */
  name: string;
  /** RFC 3339 with nanoseconds, UTC. */
  created: string;
  /** The image ID. */
  image: Digest;
  /** The top chainID of the image's layers (null for an image without layers): the writable layer's parent. */
  parentChainID: Digest | null;
  /** The process: Docker's Path and Args (entrypoint + command, split). */
  path: string;
  args: string[];
  /** Docker's container.Config after merging the image's config (Env, Cmd, Entrypoint, WorkingDir…). */
  config: ContainerConfig;
  host: HostOptions;
  mounts: MountPoint[];
  /** The OCI runtime that runs it (`runc` or `crun`). */
  runtime: string;
  /** Storage driver name as inspect shows it. */
  driver: string;
}

export type ContainerStatus = 'created' | 'running' | 'exited';

export interface ContainerState {
  status: ContainerStatus;
  /** The container's init process on the host, while running. */
  pid: number;
  /** Field 22 of /proc/<pid>/stat when the process started: tells a live process from a reused pid. */
  pidStart?: string;
  /** The process that supervises it (owns the log, records the exit). */
  monitorPid?: number;
  exitCode: number;
  error: string;
  /** RFC 3339 (nanoseconds), or Go's zero time. */
  startedAt: string;
  finishedAt: string;
  /** Found ended with nothing watching it: exitCode and finishedAt are berth's guesses, not observations. */
  unobserved?: boolean;
  /** Whether `stop`/`kill` asked it to end (Docker's HasBeenManuallyStopped). */
  stoppedByUser?: boolean;
  /**
   * `restart` is stopping it to start it again: whoever watches it must not remove it (`--rm`) as it ends, as
   * Docker's restart turns AutoRemove off meanwhile. The next start clears it.
   */
  restarting?: boolean;
  /** Frozen by `pause` (the status stays running, as Docker's State.Running does). */
  paused?: boolean;
  /** How often the monitor restarted it under its restart policy since it was last started. */
  restartCount?: number;
}

export const ZERO_TIME = '0001-01-01T00:00:00Z';

export function initialState(): ContainerState {
  return { status: 'created', pid: 0, exitCode: 0, error: '', startedAt: ZERO_TIME, finishedAt: ZERO_TIME };
}

/** A record together with its state as seen now (a process that died unobserved is reported as exited). */
export interface Container extends ContainerRecord {
  state: ContainerState;
}
