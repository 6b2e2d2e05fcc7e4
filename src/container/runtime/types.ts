// The OCI runtime command-line contract berth uses (runc and crun share it). `run` is the hot path: one process
// that creates, starts, waits for and deletes the container (no create/start/delete round trips); its own errors go
// to a JSON log file, so they are never mixed with the container's stderr.

import type { SpawnedProcess, StdioMode } from '../../sys/spawn-process.js';

export interface RunOptions {
  /** Where the runtime writes the init pid once the process has started (its absence means start failed). */
  pidFile: string;
  /** The runtime's own log (JSON lines); read it with errorFromLog() when it fails. */
  logFile: string;
  /** stdin, stdout, stderr. */
  stdio: [StdioMode, StdioMode, StdioMode];
  /** Wrap the runtime in util-linux `script` so a terminal container gets a pseudo-terminal without one here. */
  ptyWrapper?: boolean;
  cwd?: string;
}

export interface ExecOptions extends RunOptions {
  /** The process JSON (OCI `process` object) for `exec --process`. */
  processFile: string;
  detach?: boolean;
}

export interface RuntimeState {
  id: string;
  pid: number;
  status: string;
}

export interface OciRuntime {
  readonly name: string;
  /** The runtime's state directory (`--root`). */
  readonly root: string;
  run(id: string, bundle: string, opts: RunOptions): SpawnedProcess;
  exec(id: string, opts: ExecOptions): SpawnedProcess;
  kill(id: string, signal: string, all?: boolean): Promise<void>;
  /** Freezes every process of the container (cgroup freezer); resume() thaws them. */
  pause(id: string): Promise<void>;
  resume(id: string): Promise<void>;
  state(id: string): Promise<RuntimeState | null>;
  delete(id: string, force?: boolean): Promise<void>;
  /** The runtime's error message from its log file, without the `runc run failed: ` prefix. */
  errorFromLog(logFile: string): Promise<string | null>;
}
