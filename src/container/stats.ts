// One reading of a running container's resource use, from its cgroups (v1, the controllers /proc/<pid>/cgroup
// names), /proc/stat and its network namespace's /proc/<pid>/net/dev: what Docker's stats API reports.

import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { Container } from './record.js';

export interface StatsSample {
  /** CPU time of the container and of the whole machine, in nanoseconds; the CPUs online. */
  cpuNs: number;
  systemNs: number;
  onlineCpus: number;
  /** Memory in use without the inactive file cache (Docker's CLI subtracts it), and the limit (capped at the host's). */
  memUsage: number;
  memLimit: number;
  netRx: number;
  netTx: number;
  blkRead: number;
  blkWrite: number;
  pids: number;
}

const read = (path: string): string => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
};
const num = (text: string): number => Number(text.trim()) || 0;

/** The cgroup directory of each v1 controller the process is in. */
function cgroupDirs(pid: number): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of read(`/proc/${pid}/cgroup`).split('\n')) {
    const [, controllers, path] = line.split(':');
    if (!controllers || path === undefined) continue;
    for (const c of controllers.split(',')) out.set(c.replace(/^name=/, ''), `/sys/fs/cgroup/${controllers}${path}`);
  }
  return out;
}

/** The machine's side of a reading, the same for every container: one per round of readings. */
export interface MachineCpu {
  systemNs: number;
  onlineCpus: number;
}

/** The machine's CPU time as Docker counts it (the first seven fields of /proc/stat's `cpu` line, in nanoseconds). */
export function machineCpu(): MachineCpu {
  const line = read('/proc/stat').split('\n').find((l) => l.startsWith('cpu '));
  const ticks = (line ?? '').split(/\s+/).slice(1, 8).reduce((a, b) => a + (Number(b) || 0), 0);
  return { systemNs: (ticks * 1e9) / 100, onlineCpus: cpus().length };
}

/** A running container's reading, with the machine's taken for the same round (`machineCpu`). */
export function sampleStats(c: Container, machine: MachineCpu): StatsSample | null {
  if (c.state.status !== 'running' || !c.state.pid) return null;
  const pid = c.state.pid;
  const dirs = cgroupDirs(pid);
  const at = (controller: string, file: string) => read(`${dirs.get(controller) ?? '/nonexistent'}/${file}`);
  const memStat = new Map(at('memory', 'memory.stat').split('\n').map((l) => l.split(' ') as [string, string]));
  const usage = num(at('memory', 'memory.usage_in_bytes'));
  const inactive = Number(memStat.get('total_inactive_file') ?? 0);
  const limit = num(at('memory', 'memory.limit_in_bytes')) || Infinity;
  let blkRead = 0;
  let blkWrite = 0;
  for (const line of at('blkio', 'blkio.throttle.io_service_bytes').split('\n')) {
    const [, op, n] = line.split(' ');
    if (op === 'Read') blkRead += Number(n) || 0;
    else if (op === 'Write') blkWrite += Number(n) || 0;
  }
  let netRx = 0;
  let netTx = 0;
  for (const line of read(`/proc/${pid}/net/dev`).split('\n').slice(2)) {
    const [name, rest] = line.split(':');
    if (!rest || name.trim() === 'lo') continue;
    const f = rest.trim().split(/\s+/).map(Number);
    netRx += f[0] || 0;
    netTx += f[8] || 0;
  }
  return {
    cpuNs: num(at('cpuacct', 'cpuacct.usage')),
    systemNs: machine.systemNs,
    onlineCpus: machine.onlineCpus,
    memUsage: inactive < usage ? usage - inactive : usage,
    memLimit: Math.min(limit, totalmem()),
    netRx,
    netTx,
    blkRead,
    blkWrite,
    pids: num(at('pids', 'pids.current')),
  };
}

/** Docker's CPU %: the container's share of the machine's CPU time between two readings, times the CPUs. */
export function cpuPercent(a: StatsSample, b: StatsSample): number {
  const cpu = b.cpuNs - a.cpuNs;
  const sys = b.systemNs - a.systemNs;
  return cpu > 0 && sys > 0 ? (cpu / sys) * b.onlineCpus * 100 : 0;
}
