// Detached containers: the CLI starts a small monitor (this same program, hidden `__monitor` command) in its own
// session; the monitor runs the container through supervise() (it owns the log and records the exit code), tells
// the CLI on fd 3 that the process started or why it didn't, and removes the container afterwards for --rm.

import { spawn } from 'node:child_process';
import { writeSync, closeSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { joinPath } from '../sys/join-path.js';
import { fileURLToPath } from 'node:url';
import type { Store } from '../store/store.js';
import { BerthError } from '../errors.js';
import { deferExtraCA } from '../sys/extra-ca.js';
import { supervise, type SuperviseResult } from './supervise.js';
import { destroyContainer } from './remove.js';
import type { Container } from './record.js';

export interface MonitorOptions {
  /** Keep the container's stdin open (`-i` without attaching). */
  holdStdin: boolean;
}

/** Thrown when a detached start failed; carries Docker's exit code for it (125/126/127). */
export class StartError extends BerthError {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super('FAILED_PRECONDITION', message);
  }
}

/** bin/berth of the package this module belongs to (the CLI bundle or the library, from src/ or dist/). */
function cliEntry(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++, dir = dirname(dir)) {
    const bin = joinPath(dir, 'bin', 'berth');
    if (existsSync(bin) && existsSync(joinPath(dir, 'package.json'))) return bin;
  }
  return process.argv[1];
}

/** Starts the monitor for `c` and resolves once the container's process runs (or rejects with why it couldn't). */
export function startDetached(store: Store, c: Container, opts: MonitorOptions): Promise<void> {
  const entry = cliEntry();
  const args = [...process.execArgv, entry, '--root', store.root, '__monitor', c.id];
  if (store.driver === 'vfs') args.splice(args.indexOf('--root'), 0, '--storage-driver', 'vfs');
  if (opts.holdStdin) args.push('--hold-stdin');
  const env = deferExtraCA(process.env);
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', 'ignore', 'ignore', 'pipe'], cwd: '/', env });
  return new Promise((resolve, reject) => {
    let text = '';
    const pipe = child.stdio[3] as NodeJS.ReadableStream;
    pipe.setEncoding('utf8');
    pipe.on('data', (s: string) => (text += s));
    const finish = () => {
      child.unref();
      (pipe as unknown as { destroy(): void }).destroy();
      const line = text.split('\n')[0];
      if (line.startsWith('ok')) return resolve();
      if (line.startsWith('err ')) {
        const { message, exitCode } = JSON.parse(line.slice(4)) as { message: string; exitCode: number };
        return reject(new StartError(message, exitCode));
      }
      reject(new BerthError('INTERNAL', 'the container monitor exited before starting the container'));
    };
    pipe.on('end', finish);
    child.on('error', (e) => reject(e));
  });
}

/**
 * `--restart`: while this monitor lives, the container is run again after it exits, as Docker's daemon would
 * (`always`/`unless-stopped` every time, `on-failure[:max]` after a non-zero code), unless `stop`/`kill` ended it
 * or it was removed; the delay doubles from 100 ms (reset once a run lasted 10 s). After a reboot no monitor is
 * left to do it: berth has no daemon.
 */
async function restartWhilePolicySays(store: Store, c: Container, first: SuperviseResult, opts: MonitorOptions): Promise<SuperviseResult> {
  const policy = c.host.restartPolicy;
  let result = first;
  let count = 0;
  let delay = 100;
  for (;;) {
    if (!policy || policy.Name === 'no') return result;
    if (policy.Name === 'on-failure' && (result.exitCode === 0 || (policy.MaximumRetryCount > 0 && count >= policy.MaximumRetryCount))) return result;
    const wants = () => {
      const now = store.containers.exists(c.id) ? store.containers.readState(c.id) : null;
      return now !== null && now.status !== 'running' && !now.stoppedByUser;
    };
    if (!wants()) return result;
    await new Promise((r) => setTimeout(r, delay));
    if (!wants()) return result;
    count++;
    await store.containers.updateState(c.id, (st) => ({ ...st, restartCount: count }));
    const began = Date.now();
    result = await supervise(store, c, { stdin: opts.holdStdin ? 'hold' : 'ignore', attach: false, terminalHere: false });
    if (result.startError) return result;
    delay = Date.now() - began >= 10_000 ? 100 : Math.min(delay * 2, 60_000);
  }
}

/** The monitor's main: fd 3 is the pipe back to the CLI that started it. */
export async function runMonitor(store: Store, c: Container, opts: MonitorOptions): Promise<number> {
  for (const sig of ['SIGHUP', 'SIGINT', 'SIGPIPE'] as const) process.on(sig, () => {});
  let told = false;
  const tell = (s: string) => {
    if (told) return;
    told = true;
    try {
      writeSync(3, s + '\n');
      closeSync(3);
    } catch {
      // The CLI went away; the container runs on.
    }
  };
  // a start begins a new count, as Docker resets RestartCount
  if (store.containers.readState(c.id).restartCount) await store.containers.updateState(c.id, (st) => ({ ...st, restartCount: 0 }));
  let result;
  try {
    result = await supervise(store, c, {
      stdin: opts.holdStdin ? 'hold' : 'ignore',
      attach: false,
      terminalHere: false,
      onStarted: () => tell('ok'),
    });
  } catch (e) {
    tell('err ' + JSON.stringify({ message: (e as Error).message, exitCode: 125 }));
    return 1;
  }
  if (result.startError) {
    tell('err ' + JSON.stringify({ message: result.startError.message, exitCode: result.exitCode }));
    return 1;
  }
  result = await restartWhilePolicySays(store, c, result, opts);
  if (c.host.autoRemove) {
    const now = await store.containers.get(c.id);
    if (now && !store.containers.restarting(c.id)) {
      store.containers.recordRemoved(c.id, c.name, result.exitCode);
      await destroyContainer(store, now, { volumes: true });
    }
  }
  return 0;
}
