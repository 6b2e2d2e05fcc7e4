// Where a process's group is in the cgroup2 hierarchy, from its /proc/<pid>/cgroup text: hybrid hosts mount that
// hierarchy at /sys/fs/cgroup/unified (it has no controllers there), unified hosts at /sys/fs/cgroup.

import { existsSync } from 'node:fs';

/** The group's directory, or null (no `0::` line, or no cgroup2 hierarchy mounted). */
export function cgroup2Dir(cgroupText: string, exists: (path: string) => boolean = existsSync): string | null {
  const v2 = cgroupText.split('\n').find((l) => l.startsWith('0::'));
  if (!v2) return null;
  const path = v2.slice(3).replace(/\/$/, '');
  for (const mount of ['/sys/fs/cgroup/unified', '/sys/fs/cgroup']) {
    if (exists(`${mount}/cgroup.controllers`)) return `${mount}${path}`;
  }
  return null;
}
