// Starts a child process on the hot path of `run` (the OCI runtime) without node:child_process where node allows it.
// child_process.spawn is built on two of node's bindings, process_wrap (libuv's uv_spawn) and pipe_wrap (the
// socketpairs for the child's stdio); its own JavaScript around them costs a fresh process more than the spawn: the
// module and what it loads at once (net, dgram, every stream module: ~4.5 ms on this 2-core VM), ChildProcess and a
// net.Socket per pipe (~4 ms), and node's code for a socket's end when the pipes close as the child exits (~3 ms).
// Measured in a fresh node 20 (spawn, read both pipes to their end, see the exit): ~14 ms through child_process,
// ~3 ms through the bindings. So the bindings are used directly: a Process handle whose onexit reports the exit,
// and for each piped output a Pipe handle read with readStart(), its bytes found the way node's stream_base_commons
// finds them (the length and offset in stream_wrap's streamBaseState).
//
// These bindings are node internals reached through process.binding(), which node keeps for exactly these modules
// (its allow-list) but documents as deprecated (DEP0111). Everything is checked before use, and any doubt falls back
// to child_process.spawn, which behaves the same: no binding, a missing function or constant, a policy that refuses
// process.binding, or --pending-deprecation (which would print a warning for it). The result is the subset of
// ChildProcess that berth uses, so callers can't tell which path ran.

import { EventEmitter } from 'node:events';
import { constants as osConstants } from 'node:os';
import { spawn as childSpawn } from 'node:child_process';

export type StdioMode = 'ignore' | 'inherit' | 'pipe';

/** A child's output pipe: 'data' with each chunk, 'end' at its end, then 'close'; 'error' if reading fails. */
export interface OutputPipe {
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (e: Error) => void): unknown;
  /** Stops reading and closes this end (the child then gets EPIPE/SIGPIPE on its next write). */
  destroy(): unknown;
}

/** What berth uses of a child process (node's ChildProcess has all of it). */
export interface SpawnedProcess {
  readonly pid?: number;
  readonly stdout: OutputPipe | null;
  readonly stderr: OutputPipe | null;
  kill(signal?: NodeJS.Signals): boolean;
  once(event: 'exit', listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
  once(event: 'error', listener: (e: Error) => void): unknown;
  off(event: 'exit', listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
}

export interface SpawnOptions {
  /** stdin, stdout, stderr: a pipe only for stdout/stderr (read here) or stdin (held open, never written). */
  stdio: [StdioMode, StdioMode, StdioMode];
  cwd?: string;
  /** For tests: take child_process.spawn's path. */
  viaChildProcess?: boolean;
}

interface ProcessHandle {
  pid?: number;
  onexit: (exitStatus: number, signal: string) => void;
  spawn(options: object): number;
  kill(signal: number): number;
  close(cb?: () => void): void;
}

interface PipeHandle {
  onread: (buffer: ArrayBuffer) => void;
  readStart(): number;
  readStop(): number;
  close(cb?: () => void): void;
}

interface Bindings {
  Process: new () => ProcessHandle;
  Pipe: new (type: number) => PipeHandle;
  socketType: number;
  state: Int32Array;
  kReadBytesOrError: number;
  kArrayBufferOffset: number;
  eof: number;
}

let bindings: Bindings | null | undefined;

/** libuv's error number (a negative errno) as its name: -2 → ENOENT. */
function errnoName(err: number): string {
  const names = osConstants.errno as Record<string, number>;
  return Object.keys(names).find((k) => names[k] === -err) ?? `UNKNOWN (${err})`;
}

function errnoError(syscall: string, err: number, extra: object = {}): Error {
  const code = errnoName(err);
  return Object.assign(new Error(`${syscall} ${code}`), { errno: err, code, syscall, ...extra });
}

function pendingDeprecation(): boolean {
  const flag = '--pending-deprecation';
  return process.execArgv.includes(flag) || (process.env.NODE_OPTIONS ?? '').includes(flag) || process.env.NODE_PENDING_DEPRECATION === '1';
}

/** node's bindings for spawning, if all of them are there as this module expects; null otherwise. */
export function directBindings(): Bindings | null {
  if (bindings !== undefined) return bindings;
  bindings = null;
  const legacy = process as unknown as { binding?: (name: string) => Record<string, unknown> };
  if (pendingDeprecation() || typeof legacy.binding !== 'function') return null;
  try {
    const binding = legacy.binding.bind(process);
    const pw = binding('process_wrap');
    const pipe = binding('pipe_wrap');
    const sw = binding('stream_wrap');
    const uv = binding('uv');
    const pipeConstants = pipe.constants as Record<string, unknown> | undefined;
    const b = {
      Process: pw.Process,
      Pipe: pipe.Pipe,
      socketType: pipeConstants?.SOCKET,
      state: sw.streamBaseState,
      kReadBytesOrError: sw.kReadBytesOrError,
      kArrayBufferOffset: sw.kArrayBufferOffset,
      eof: uv.UV_EOF,
    };
    const ok =
      typeof b.Process === 'function' &&
      typeof b.Pipe === 'function' &&
      typeof b.socketType === 'number' &&
      b.state instanceof Int32Array &&
      typeof b.kReadBytesOrError === 'number' &&
      typeof b.kArrayBufferOffset === 'number' &&
      typeof b.eof === 'number' &&
      ['spawn', 'kill', 'close'].every((f) => typeof (b.Process as { prototype: Record<string, unknown> }).prototype[f] === 'function') &&
      ['readStart', 'readStop', 'close'].every((f) => typeof (b.Pipe as { prototype: Record<string, unknown> }).prototype[f] === 'function');
    if (ok) bindings = b as Bindings;
  } catch {
    bindings = null;
  }
  return bindings;
}

class PipeReader extends EventEmitter implements OutputPipe {
  private closed = false;

  constructor(
    private readonly handle: PipeHandle,
    b: Bindings,
  ) {
    super();
    handle.onread = (buffer: ArrayBuffer) => {
      const n = b.state[b.kReadBytesOrError];
      if (n > 0) {
        this.emit('data', Buffer.from(buffer, b.state[b.kArrayBufferOffset], n));
        return;
      }
      if (n === 0) return;
      if (n === b.eof) this.emit('end');
      else this.emit('error', errnoError('read', n));
      this.destroy();
    };
  }

  start(): void {
    const err = this.handle.readStart();
    if (err !== 0) {
      process.nextTick(() => {
        this.emit('error', errnoError('read', err));
        this.destroy();
      });
    }
  }

  destroy(): this {
    if (this.closed) return this;
    this.closed = true;
    this.handle.readStop();
    this.handle.close(() => this.emit('close'));
    return this;
  }
}

class DirectProcess extends EventEmitter implements SpawnedProcess {
  pid?: number;
  stdout: PipeReader | null = null;
  stderr: PipeReader | null = null;
  private running = true;

  constructor(
    private readonly handle: ProcessHandle,
    private readonly held: PipeHandle[],
  ) {
    super();
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): boolean {
    if (!this.running) return false;
    return this.handle.kill(osConstants.signals[signal]) === 0;
  }

  exited(status: number, signal: string): void {
    this.running = false;
    this.handle.close();
    for (const h of this.held) h.close();
    this.emit('exit', signal ? null : status, (signal || null) as NodeJS.Signals | null);
  }
}

/** Whether `p` was started through node's bindings (its pipes are no net.Sockets). */
export function spawnedDirectly(p: SpawnedProcess): boolean {
  return p instanceof DirectProcess;
}

/**
 * Starts `file` with `args` (argv[0] is `file`), its environment this process's. The child's stdout and stderr,
 * when piped, are read here; a piped stdin is held open and never written.
 */
export function spawnProcess(file: string, args: string[], opts: SpawnOptions): SpawnedProcess {
  const b = opts.viaChildProcess ? null : directBindings();
  if (!b) return childSpawn(file, args, { stdio: opts.stdio, cwd: opts.cwd });
  const handle = new b.Process();
  const pipes = opts.stdio.map((mode) => (mode === 'pipe' ? new b.Pipe(b.socketType) : null));
  const stdio = opts.stdio.map((mode, fd) => (mode === 'pipe' ? { type: 'pipe', handle: pipes[fd] } : mode === 'inherit' ? { type: 'inherit', fd } : { type: 'ignore' }));
  const envPairs = Object.entries(process.env).flatMap(([k, v]) => (v === undefined ? [] : [`${k}=${v}`]));
  const child = new DirectProcess(handle, pipes[0] ? [pipes[0]] : []);
  handle.onexit = (status, signal) => child.exited(status, signal);
  const err = handle.spawn({ file, args: [file, ...args], cwd: opts.cwd, envPairs, stdio, detached: false, windowsHide: false, windowsVerbatimArguments: false });
  if (err !== 0) {
    handle.close();
    for (const p of pipes) p?.close();
    process.nextTick(() => child.emit('error', errnoError(`spawn ${file}`, err, { path: file, spawnargs: args })));
    return child;
  }
  child.pid = handle.pid;
  if (pipes[1]) child.stdout = new PipeReader(pipes[1], b);
  if (pipes[2]) child.stderr = new PipeReader(pipes[2], b);
  child.stdout?.start();
  child.stderr?.start();
  return child;
}
