// Keeps the kernel's cgroup attach path warm while a container starts. Every write to a cgroup.procs file takes the
// global cgroup_threadgroup_rwsem for writing, and when nothing took it within the last RCU grace period, that
// first write waits for a whole grace period (percpu_rwsem → rcu_sync_enter): 6–18 ms on this 2-core VM, paid by
// the OCI runtime when it moves the container's init into its cgroups, on the critical path of every start. A
// no-op write — this process into the cgroup it is in already — made while berth still prepares the container waits
// out that grace period off the critical path, and repeating it every few milliseconds keeps the lock in its fast
// state until the runtime has attached its process. Nothing moves: the kernel skips a migration to the css_set a
// task already has. Best effort, bounded in time; any failure (no cgroupfs, read-only, not permitted) just stops it.
// The descriptor is close-on-exec (node opens files so): no child inherits it.

import { close, constants, existsSync, openSync, write } from 'node:fs';
import { readTextOrNull } from './read-text.js';
import { cgroup2Dir } from './cgroup2-dir.js';

export interface AttachWarmup {
  /** Ends the warm-up (idempotent); a write in flight finishes on its own. */
  stop(): void;
}

const INTERVAL_MS = 3;
const MAX_MS = 1000;

let current: { warmup: AttachWarmup; active: () => boolean } | null = null;

/**
 * This process's cgroup.procs in the cgroup2 hierarchy (hybrid: mounted at /sys/fs/cgroup/unified, which has no
 * controllers; unified: /sys/fs/cgroup), else in the first v1 hierarchy listed; null if none can be found.
 */
export function ownCgroupProcs(cgroupText = readTextOrNull('/proc/self/cgroup') ?? '', exists: (path: string) => boolean = existsSync): string | null {
  const v2 = cgroup2Dir(cgroupText, exists);
  if (v2) return `${v2}/cgroup.procs`;
  for (const l of cgroupText.split('\n')) {
    const m = /^\d+:([^:]+):(.*)$/.exec(l);
    if (m && !m[1].startsWith('name=')) return `/sys/fs/cgroup/${m[1]}${m[2].replace(/\/$/, '')}/cgroup.procs`;
  }
  return null;
}

/**
 * Starts the warm-up, or returns the one already running in this process. It ends by stop(), after `maxMs`, or at
 * the first failed write. Runs only as root (only root may write there for the runtime to benefit anyway).
 */
export function warmCgroupAttach(maxMs = MAX_MS): AttachWarmup {
  if (current?.active()) return current.warmup;
  let fd = -1;
  try {
    const procs = process.getuid?.() === 0 ? ownCgroupProcs() : null;
    if (procs) fd = openSync(procs, constants.O_WRONLY);
  } catch {
    fd = -1;
  }
  let stopped = fd < 0;
  let writing = false;
  let timer: NodeJS.Timeout | null = null;
  const pid = Buffer.from(String(process.pid));
  const deadline = Date.now() + maxMs;
  const release = () => {
    if (fd >= 0 && !writing) {
      close(fd, () => {});
      fd = -1;
    }
  };
  const tick = () => {
    timer = null;
    if (stopped || Date.now() > deadline) {
      stopped = true;
      release();
      return;
    }
    writing = true;
    write(fd, pid, 0, pid.length, null, (err) => {
      writing = false;
      if (err) stopped = true;
      if (stopped) return release();
      timer = setTimeout(tick, INTERVAL_MS);
      timer.unref();
    });
  };
  const warmup: AttachWarmup = {
    stop() {
      if (stopped) return;
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      release();
    },
  };
  if (!stopped) tick();
  current = { warmup, active: () => !stopped };
  return warmup;
}

/** Stops the warm-up of this process, if one runs. */
export function stopCgroupAttachWarmup(): void {
  current?.warmup.stop();
}

/** For tests: whether a warm-up is running. */
export function cgroupAttachWarmupActive(): boolean {
  return !!current?.active();
}

