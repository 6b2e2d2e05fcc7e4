// Noticing that a container's processes are all gone before its runtime has exited: the cgroup2 `cgroup.events`
// file says `populated 0` once the last process of the cgroup has left, and the kernel signals the change to inotify
// watchers. A runtime in the foreground (`runc run`) still tears the container down after that (its cgroups, its
// state) for a few milliseconds before it exits with the status: a caller that will delete the container can start
// meanwhile. Works where the process has a cgroup2 path (unified or hybrid hierarchies); elsewhere nothing is watched.

import { existsSync, watch } from 'node:fs';
import { readTextOrNull } from './read-text.js';
import { cgroup2Dir } from './cgroup2-dir.js';

/** The `cgroup.events` file of the cgroup2 group `pid` is in, or null (no cgroup2 hierarchy mounted, or no such pid). */
export function cgroupEventsOf(pid: number, cgroupText = readTextOrNull(`/proc/${pid}/cgroup`) ?? ''): string | null {
  const dir = cgroup2Dir(cgroupText);
  return dir !== null && existsSync(`${dir}/cgroup.events`) ? `${dir}/cgroup.events` : null;
}

/** Whether an events file's text says the group has no process (a missing file: the group is gone, so yes). */
export function isEmptied(eventsText: string | null): boolean {
  return eventsText === null || /^populated 0$/m.test(eventsText);
}

/**
 * Calls `fn` once the group whose `cgroup.events` is `events` has no process left (at once if it has none now).
 * Returns a function that stops watching; best effort: a watch that can't be set up never calls `fn`.
 */
export function whenEmptied(events: string, fn: () => void): () => void {
  let done = false;
  let watcher: ReturnType<typeof watch> | null = null;
  const stop = () => {
    done = true;
    watcher?.close();
    watcher = null;
  };
  const check = () => {
    if (done || !isEmptied(readTextOrNull(events))) return;
    stop();
    fn();
  };
  try {
    watcher = watch(events, check);
    watcher.on('error', stop);
  } catch {
    return stop;
  }
  check();
  return stop;
}
