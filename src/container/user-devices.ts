// `--device`: host device nodes given to a container, as moby's oci.DevicesFromPath resolves them when the container
// starts: the host path's symlinks followed, a character or block device as itself, a directory as every device
// under it (the container path taking the directory's place); each allowed in the device cgroup with the mapping's
// permissions. Anything else fails the start with Docker's words.

import { lstatSync, realpathSync, statSync, readdirSync, type Stats } from 'node:fs';
import { joinPath } from '../sys/join-path.js';
import { BerthError } from '../errors.js';
import { deviceNode, type HostDevice } from './host-devices.js';

/** Docker's HostConfig.Devices entry. */
export interface DeviceMapping {
  PathOnHost: string;
  PathInContainer: string;
  CgroupPermissions: string;
}

export interface DeviceRule {
  allow: true;
  type: 'c' | 'b';
  major: number;
  minor: number;
  access: string;
}

/** Every device under `dir` (Go's filepath.Walk order: lexical, parents first; symlinks not followed). */
function devicesUnder(dir: string, out: { host: string; dev: HostDevice }[]): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    const path = joinPath(dir, name);
    const st = lstatSync(path, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) devicesUnder(path, out);
    else {
      const dev = deviceNode(path, st);
      if (dev) out.push({ host: path, dev });
    }
  }
}

/** The devices one mapping gives the container, and their cgroup rules. */
export function devicesFromMapping(m: DeviceMapping): { devices: HostDevice[]; rules: DeviceRule[] } {
  let resolved = m.PathOnHost;
  try {
    if (lstatSync(m.PathOnHost).isSymbolicLink()) resolved = realpathSync(m.PathOnHost);
  } catch {
    // reported below, as the path itself
  }
  const rule = (d: HostDevice): DeviceRule => ({ allow: true, type: d.type, major: d.major, minor: d.minor, access: m.CgroupPermissions });
  let st: Stats;
  try {
    st = lstatSync(resolved);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message;
    throw new BerthError('NOT_FOUND', `error gathering device information while adding custom device "${m.PathOnHost}": ${why}`);
  }
  const dev = deviceNode(m.PathInContainer, st);
  if (dev) return { devices: [dev], rules: [rule(dev)] };
  if (statSync(resolved, { throwIfNoEntry: false })?.isDirectory()) {
    const found: { host: string; dev: HostDevice }[] = [];
    devicesUnder(resolved, found);
    if (found.length > 0) {
      const devices = found.map(({ host, dev: d }) => ({ ...d, path: host.replace(resolved, m.PathInContainer) }));
      return { devices, rules: devices.map(rule) };
    }
  }
  throw new BerthError('INVALID_ARGUMENT', `error gathering device information while adding custom device "${m.PathOnHost}": not a device node`);
}
