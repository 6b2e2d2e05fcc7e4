// Runs a container's process through the OCI runtime and watches it to the end: records "running" with the init
// pid once the runtime has started it, copies its output into the json-file log (and to this terminal when
// attached), and records the exit code. The foreground `run`/`start -a` and the detached monitor both use this.

import { existsSync, mkdirSync, readFileSync, watch } from 'node:fs';
import { dirname } from 'node:path';
import { joinPath } from '../sys/join-path.js';
import { constants as osConstants } from 'node:os';
import type { Writable } from 'node:stream';
import type { Store } from '../store/store.js';
import { BerthError } from '../errors.js';
import { mount, umount } from '../sys/mount.js';
import { prepareBundle } from './bundle.js';
import { runtimeByName } from './runtime/detect.js';
import { LogWriter } from './log-file.js';
import { jsonFileOptions } from './log-config.js';
import { procStat } from './liveness.js';
import { nowRFC3339Nano } from './time.js';
import { warmCgroupAttach } from '../sys/cgroup-attach-warmup.js';
import { cgroupEventsOf, whenEmptied } from '../sys/cgroup-empty.js';
import { readTextOrNull } from '../sys/read-text.js';
import { warmPipeEnd } from '../sys/warm-pipe-end.js';
import { spawnedDirectly, type OutputPipe, type SpawnedProcess, type StdioMode } from '../sys/spawn-process.js';
import type { Container } from './record.js';
import { removeFileSync } from '../sys/remove-tree.js';

export interface SuperviseOptions {
  /** `inherit`: the container reads this process's stdin; `hold`: an open pipe nobody writes (detached -i). */
  stdin: 'inherit' | 'ignore' | 'hold';
  /** Copy the container's output to this process's stdout/stderr (or to `output`). */
  attach: boolean;
  /** With attach: which streams to copy (`run -a stdout`); both by default. The log keeps both either way. */
  streams?: { stdout: boolean; stderr: boolean };
  /** Where attached output goes instead of this process's stdout/stderr (a build step's output stream). */
  output?: { stdout: Writable; stderr: Writable };
  /** Keep the json-file log (default true); build containers have none, as Docker's builder sets LogConfig "none". */
  log?: boolean;
  /** This process's stdio is the user's terminal and the container has one (`run -it`): hand it straight over. */
  terminalHere: boolean;
  /** Forward these signals received here to the container (through the runtime). */
  forwardSignals?: NodeJS.Signals[];
  /** Called once the process runs. */
  onStarted?: (pid: number) => void;
  /**
   * The caller removes the container as soon as it has ended (`run --rm`): its exit is not written to the state file
   * (a write and a new inode, deleted a moment later) unless the caller calls `recordExit` (when the removal failed).
   */
  deferExitRecord?: boolean;
  /**
   * Called once the container's processes are all gone (its cgroup2 group is empty), which is usually a few
   * milliseconds before the runtime exits: it still tears the container down. A caller that removes the container
   * can begin then. Not called where that can't be seen, nor when the root filesystem is mounted on the host (it is
   * unmounted only after the runtime has exited).
   */
  onEmptied?: () => void;
}

export interface SuperviseResult {
  exitCode: number;
  /** Set when the process never started; exitCode is then Docker's 125/126/127. */
  startError?: BerthError;
  /** Writes the exit to the container's state (already done unless `deferExitRecord`); harmless to repeat. */
  recordExit: () => Promise<void>;
}

/** Docker's CLI picks the exit code of a failed start from the error text (cli/command/container/run.go). */
export function startErrorExitCode(message: string): number {
  if (/executable file not found|no such file or directory|system cannot find the file specified/.test(message)) return 127;
  if (message.includes('permission denied')) return 126;
  return 125;
}

export function startErrorMessage(runtime: string, detail: string): string {
  return `failed to create shim task: OCI runtime create failed: ${runtime} create failed: ${detail}: unknown`;
}


/**
 * Calls `fn` once the container whose init is `pid` (in a PID namespace of its own) has no process left: at once if
 * the init is gone already (a namespace's init exits only after every other process in it), else when its cgroup2
 * group empties. Returns a function that stops watching.
 */
function watchEmptied(id: string, pid: number, fn: () => void): (() => void) | null {
  const text = readTextOrNull(`/proc/${pid}/cgroup`);
  if (text === null) {
    // gone, not merely unreadable
    if (!existsSync(`/proc/${pid}`) && existsSync('/proc/self/cgroup')) fn();
    return null;
  }
  const events = cgroupEventsOf(pid, text);
  // only the container's own group (a reused pid would be in another)
  return events?.endsWith(`/berth/${id}/cgroup.events`) ? whenEmptied(events, fn) : null;
}

/** Resolves once `file` exists (the runtime writes its pid file by rename), or with null when `child` ended first. */
export function waitForFile(dir: string, file: string, child: SpawnedProcess): Promise<string | null> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (v: string | null) => {
      if (done) return;
      done = true;
      watcher.close();
      child.off('exit', onExit);
      resolve(v);
    };
    const check = () => {
      if (!existsSync(file)) return false;
      const text = readFileSync(file, 'utf8').trim();
      if (!text) return false;
      finish(text);
      return true;
    };
    const onExit = () => {
      if (!check()) finish(null);
    };
    const watcher = watch(dir, () => check());
    child.once('exit', onExit);
    check();
  });
}

export async function supervise(store: Store, c: Container, opts: SuperviseOptions): Promise<SuperviseResult> {
  const cs = store.containers;
  // as Docker's daemon makes the container's logger, before anything starts: a bad --log-opt value fails the start
  const logConfig = c.host.logConfig;
  const rotation = logConfig?.Type === 'json-file' ? jsonFileOptions(logConfig.Config) : undefined;
  // Until the runtime has put the process in its cgroups (the pid file), or failed to.
  const warmup = warmCgroupAttach();
  const runtime = runtimeByName(c.runtime, cs.runtimeRootOf(c.id));
  // State a runtime left behind (its process killed, or the machine restarted) would make it refuse the same ID.
  if (existsSync(joinPath(runtime.root, c.id))) await runtime.delete(c.id, true).catch(() => {});
  const bundle = await prepareBundle(store, c);
  // on the exec root's tmpfs: the runtime writes it with O_SYNC (ContainerStore.execRoot)
  const pidFile = cs.pidFile(c.id);
  const pidDir = dirname(pidFile);
  mkdirSync(pidDir, { recursive: true, mode: 0o700 });
  const logFile = joinPath(bundle.dir, 'runtime.log');
  removeFileSync(pidFile, true);
  removeFileSync(logFile, true);
  if (bundle.hostMount) await mount(bundle.hostMount.mount, bundle.hostMount.target);

  const tty = !!c.config.Tty;
  const direct = tty && opts.terminalHere;
  // Behind the `script` pseudo-terminal, stdin must not end: script would type the terminal's EOF character into it.
  const hold = opts.stdin === 'hold' || (tty && !direct && opts.stdin !== 'inherit');
  const stdinMode = opts.stdin === 'inherit' ? 'inherit' : hold ? 'pipe' : 'ignore';
  const stdio: [StdioMode, StdioMode, StdioMode] = direct ? ['inherit', 'inherit', 'inherit'] : [stdinMode, 'pipe', 'pipe'];
  const child = runtime.run(c.id, bundle.dir, { pidFile, logFile, stdio, ptyWrapper: tty && !direct, cwd: bundle.dir });
  // Where the runtime's pipes are net.Sockets (child_process, not node's bindings: sys/spawn-process.ts): node's
  // net.Socket reads process.stderr whenever one is destroyed (lib/net.js compares itself with it), so the pipes
  // make this process's stderr as they close, just after the container ended, where making it (a net.Socket of its
  // own when stderr is a pipe, ~1 ms) delays the exit: it is made now, while the runtime starts, and so is the first
  // run of node's code for a pipe's end (sys/warm-pipe-end.ts) when someone waits for the end.
  if (!direct && !spawnedDirectly(child)) {
    setImmediate(() => {
      void process.stderr;
      if (opts.attach) void warmPipeEnd();
    });
  }

  const log = direct || opts.log === false || logConfig?.Type === 'none' ? null : new LogWriter(cs.logPath(c.id), rotation);
  // Until the process has started, whatever arrives is the runtime's own error text (runc prints it on stderr as
  // well as to its log): hold it back, and drop it if the start fails.
  let held: [name: 'stdout' | 'stderr', b: Buffer][] | null = [];
  // A reader that goes away (`| head`) breaks the container's pipe too, as if it wrote to the reader directly: the
  // process gets SIGPIPE on its next write.
  const broken = { stdout: false, stderr: false };
  const onSinkError = (name: 'stdout' | 'stderr') => (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') return;
    broken[name] = true;
    (name === 'stdout' ? child.stdout : child.stderr)?.destroy();
  };
  const sinkHandlers = { stdout: onSinkError('stdout'), stderr: onSinkError('stderr') };
  // Taken on the first output for each: this process's own stdout/stderr are made only then (cli/stdio.ts).
  const sinks: { stdout?: Writable; stderr?: Writable } = {};
  const sink = (name: 'stdout' | 'stderr'): Writable => {
    let s = sinks[name];
    if (!s) {
      s = sinks[name] = opts.output?.[name] ?? process[name];
      s.on('error', sinkHandlers[name]);
    }
    return s;
  };
  const deliver = (name: 'stdout' | 'stderr', b: Buffer) => {
    log?.write(name, b);
    if (opts.attach && (opts.streams?.[name] ?? true) && !broken[name]) sink(name).write(b);
  };
  const release = (keep: boolean) => {
    const q = held;
    held = null;
    if (keep) for (const [n, b] of q ?? []) deliver(n, b);
  };
  const pumps: Promise<void>[] = [];
  const pump = (stream: OutputPipe | null, name: 'stdout' | 'stderr') => {
    if (!stream) return;
    pumps.push(
      new Promise<void>((resolve) => {
        stream.on('data', (b: Buffer) => {
          if (held) held.push([name, b]);
          else deliver(name, b);
        });
        stream.on('end', () => resolve());
        stream.on('close', () => resolve());
        stream.on('error', () => resolve());
      }),
    );
  };
  pump(child.stdout, 'stdout');
  pump(child.stderr, 'stderr');

  const forwarded: [NodeJS.Signals, () => void][] = [];
  for (const sig of opts.forwardSignals ?? []) {
    const h = () => {
      child.kill(sig);
    };
    process.on(sig, h);
    forwarded.push([sig, h]);
  }

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', () => resolve({ code: 127, signal: null }));
  });
  const pidText = await waitForFile(pidDir, pidFile, child);
  warmup.stop();
  const previous = cs.readState(c.id);
  if (pidText) {
    const pid = Number(pidText);
    await cs.writeState(c.id, {
      ...previous,
      status: 'running',
      paused: false,
      pid,
      pidStart: procStat(pid)?.startTime,
      monitorPid: process.pid,
      exitCode: 0,
      error: '',
      startedAt: nowRFC3339Nano(),
      stoppedByUser: false,
      restarting: false,
      unobserved: false,
    });
    opts.onStarted?.(pid);
  }
  // The container's first output is let out once its start is recorded: whoever sees it (and kills this process,
  // say) finds the container running.
  release(!!pidText);
  const stopWatching = pidText && opts.onEmptied && !bundle.hostMount && !c.host.pidMode ? watchEmptied(c.id, Number(pidText), opts.onEmptied) : null;
  const { code, signal } = await exited;
  stopWatching?.();
  await Promise.all(pumps);
  if (held) release(!!pidText);
  log?.close();
  for (const [sig, h] of forwarded) process.off(sig, h);
  for (const n of ['stdout', 'stderr'] as const) sinks[n]?.off('error', sinkHandlers[n]);
  if (bundle.hostMount) await umount(bundle.hostMount.target, { lazy: true }).catch(() => {});

  const exitCode = code ?? 128 + (signal ? osConstants.signals[signal] : 9);
  if (!pidText) {
    const detail = (await runtime.errorFromLog(logFile)) ?? `${runtime.name} exited with status ${exitCode}`;
    const message = startErrorMessage(runtime.name, detail);
    const failCode = startErrorExitCode(message);
    // Docker leaves a container that never ran in "created", with the failure's exit code and error.
    const ran = previous.status !== 'created';
    await cs.writeState(c.id, {
      ...previous,
      status: ran ? 'exited' : 'created',
      paused: false,
      pid: 0,
      exitCode: failCode,
      error: message,
      finishedAt: ran ? nowRFC3339Nano() : previous.finishedAt,
    });
    return { exitCode: failCode, startError: new BerthError('FAILED_PRECONDITION', message), recordExit: async () => {} };
  }
  const finishedAt = nowRFC3339Nano();
  let recorded = false;
  const recordExit = async () => {
    if (recorded) return;
    recorded = true;
    await cs.writeState(c.id, {
      ...cs.readState(c.id),
      status: 'exited',
      paused: false,
      pid: 0,
      exitCode,
      finishedAt,
      monitorPid: undefined,
      unobserved: false,
    });
  };
  if (!opts.deferExitRecord) await recordExit();
  return { exitCode, recordExit };
}
