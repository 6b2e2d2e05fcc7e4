// The host's device nodes a `--privileged` container gets, as runc's devices.HostDevices lists them: every character
// and block device under /dev, through subdirectories but not pts, shm, fd, mqueue and the like, nor the console.

import { lstatSync, readdirSync, type Stats } from 'node:fs';
import { joinPath } from '../sys/join-path.js';
import { devMajor, devMinor } from '../sys/dev-t.js';

export interface HostDevice {
  path: string;
  type: 'c' | 'b';
  major: number;
  minor: number;
  fileMode: number;
  uid: number;
  gid: number;
}

/** The device node at `path` as the runtime spec lists it, or null when `st` is not a character or block device. */
export function deviceNode(path: string, st: Stats): HostDevice | null {
  if (!st.isCharacterDevice() && !st.isBlockDevice()) return null;
  return { path, type: st.isCharacterDevice() ? 'c' : 'b', major: devMajor(st.rdev), minor: devMinor(st.rdev), fileMode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
}

const SKIPPED_DIRS = new Set(['pts', 'shm', 'fd', 'mqueue', '.lxc', '.lxd-mounts', '.udev']);

export function hostDevices(dir = '/dev'): HostDevice[] {
  const out: HostDevice[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const path = joinPath(dir, name);
    const st = lstatSync(path, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) {
      if (!SKIPPED_DIRS.has(name)) out.push(...hostDevices(path));
      continue;
    }
    const node = name === 'console' ? null : deviceNode(path, st);
    if (node) out.push(node);
  }
  return out;
}
