// Signals to a container's init process and waiting for it to end. The pid is checked against its recorded start
// time first, so a reused pid never gets the signal. When no monitor is left to record the end, the one who saw
// it records it.

import type { Store } from '../store/store.js';
import { BerthError } from '../errors.js';
import { assertRunning, isAlive } from './liveness.js';
import { nowRFC3339Nano } from './time.js';
import type { Container } from './record.js';
import { thawForKill } from './pause.js';

const NUMBERS: Record<string, number> = {
  HUP: 1, INT: 2, QUIT: 3, ILL: 4, TRAP: 5, ABRT: 6, IOT: 6, BUS: 7, FPE: 8, KILL: 9, USR1: 10, SEGV: 11, USR2: 12,
  PIPE: 13, ALRM: 14, TERM: 15, STKFLT: 16, CHLD: 17, CONT: 18, STOP: 19, TSTP: 20, TTIN: 21, TTOU: 22, URG: 23,
  XCPU: 24, XFSZ: 25, VTALRM: 26, PROF: 27, WINCH: 28, IO: 29, POLL: 29, PWR: 30, SYS: 31,
};

/** `TERM`, `SIGTERM`, `15` → 15 (Docker's signal.ParseSignal), or Docker's error. */
export function parseSignal(s: string): number {
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    if (n >= 1 && n <= 64) return n;
  } else {
    const name = s.toUpperCase().replace(/^SIG/, '');
    if (name in NUMBERS) return NUMBERS[name];
    const rt = /^RTMIN(\+(\d+))?$/.exec(name);
    if (rt) return 34 + Number(rt[2] ?? 0);
  }
  throw new BerthError('INVALID_ARGUMENT', `Invalid signal: ${s}`);
}

export function signalContainer(c: Container, signal: number): void {
  assertRunning(c);
  process.kill(c.state.pid, signal);
}

/** Waits up to `ms` for the container's process to end; true if it did. */
export async function waitGone(c: Container, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
    if (!isAlive(c.state.pid, c.state.pidStart)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, Math.min(delay, Math.max(1, deadline - Date.now()))));
  }
}

/**
 * After the process ended: if its monitor is gone too, nobody will record the end, so record it here, with the
 * status a process killed by `signal` has.
 */
export async function recordIfUnwatched(store: Store, c: Container, signal: number): Promise<void> {
  for (let i = 0; i < 40; i++) {
    const st = store.containers.readState(c.id);
    if (st.status !== 'running' && !st.unobserved && st.finishedAt !== c.state.finishedAt) return;
    if (!st.monitorPid || !isAlive(st.monitorPid)) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  const st = store.containers.readState(c.id);
  if (st.finishedAt !== c.state.finishedAt && st.status === 'exited' && !st.unobserved) return;
  await store.containers.writeState(c.id, {
    ...st,
    status: 'exited',
    paused: false,
    pid: 0,
    exitCode: 128 + signal,
    finishedAt: nowRFC3339Nano(),
    monitorPid: undefined,
    unobserved: false,
  });
}

/** Sends `signal` and waits for the end (SIGKILL after `ms`). */
export async function killAndWait(store: Store, c: Container, signal: string | number, ms: number): Promise<void> {
  const sig = typeof signal === 'number' ? signal : parseSignal(signal);
  await store.containers.updateState(c.id, (st) => ({ ...st, stoppedByUser: true }));
  let used = sig;
  if (!isAlive(c.state.pid, c.state.pidStart)) return;
  try {
    process.kill(c.state.pid, sig);
  } catch {
    // Already gone.
  }
  // A paused container gets other signals once unpaused (as in Docker); SIGKILL thaws it so that it dies.
  if (sig === 9) await thawForKill(store, c);
  if (!(await waitGone(c, ms)) && isAlive(c.state.pid, c.state.pidStart)) {
    used = 9;
    try {
      process.kill(c.state.pid, 9);
    } catch {
      // Already gone.
    }
    await thawForKill(store, c);
    await waitGone(c, 10_000);
  }
  await recordIfUnwatched(store, c, used);
}
