// Is a recorded process still the one we started? /proc/<pid>/stat gives its state and start time (clock ticks
// after boot), so a pid the kernel reused for another process is not mistaken for the container.

import { readFileSync } from 'node:fs';
import { BerthError } from '../errors.js';
import type { Container } from './record.js';

export interface ProcStat {
  state: string;
  ppid: number;
  startTime: string;
}

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses). */
export function parseProcStat(text: string): ProcStat | null {
  const close = text.lastIndexOf(')');
  if (close < 0) return null;
  const f = text.slice(close + 2).split(' ');
  if (f.length < 20) return null;
  return { state: f[0], ppid: Number(f[1]), startTime: f[19] };
}

export function procStat(pid: number): ProcStat | null {
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

/** True while `pid` runs and (when given) started at `startTime`; zombies count as gone. */
export function isAlive(pid: number, startTime?: string): boolean {
  const st = procStat(pid);
  if (!st || st.state === 'Z' || st.state === 'X') return false;
  return startTime === undefined || st.startTime === startTime;
}

/** Whether the container is recorded as running and its process still is. */
export function isRunning(c: Container): boolean {
  return c.state.status === 'running' && isAlive(c.state.pid, c.state.pidStart);
}

/** Docker's refusal for a container whose recorded process is not (or no longer) running. */
export function assertRunning(c: Container): void {
  if (!isRunning(c)) {
    throw new BerthError('CONFLICT', `Container ${c.id} is not running`);
  }
}
