// Which OCI runtime to use: BERTH_RUNTIME if set, else runc (the default, as Docker's), else crun, skipping crun
// where it can't work (crun 1.8 refuses the hybrid cgroup v1/v2 layout). Found without spawning anything.

import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { joinPath } from '../../sys/join-path.js';
import { BerthError } from '../../errors.js';
import { CliRuntime } from './cli-runtime.js';
import type { OciRuntime } from './types.js';

import { RUNTIMES } from './names.js';

export { RUNTIMES };

/** Found binaries by name and the PATH they were found on (a start looks the runtime up three times). */
const found = new Map<string, { path: string; bin: string | null }>();

function which(name: string): string | null {
  const path = process.env.PATH ?? '';
  const hit = found.get(name);
  if (hit && hit.path === path && hit.bin !== null && existsSync(hit.bin)) return hit.bin;
  const bin = search(name, path);
  found.set(name, { path, bin });
  return bin;
}

function search(name: string, path: string): string | null {
  const dirs = path.split(':').concat(['/usr/sbin', '/usr/bin', '/sbin', '/bin', '/usr/local/sbin', '/usr/local/bin']);
  for (const d of dirs) {
    if (!d) continue;
    const p = joinPath(d, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // next
    }
  }
  return null;
}

/** cgroup v1 controllers beside a cgroup2 hierarchy ("hybrid"): crun 1.8 refuses to run there. */
export function cgroupHybrid(): boolean {
  try {
    const lines = readFileSync('/proc/self/cgroup', 'utf8').split('\n').filter(Boolean);
    return lines.some((l) => l.startsWith('0::')) && lines.some((l) => !l.startsWith('0::'));
  } catch {
    return false;
  }
}

/** The runtime called `name` (for a container recorded with it), with its state under `stateRoot/<name>`. */
export function runtimeByName(name: string, stateRoot: string): OciRuntime {
  const bin = which(name);
  if (!bin) throw new BerthError('UNAVAILABLE', `OCI runtime ${name} not found in PATH`);
  return new CliRuntime(name, bin, joinPath(stateRoot, name));
}

/** The runtime new containers use. */
export function detectRuntime(stateRoot: string): OciRuntime {
  const wanted = process.env.BERTH_RUNTIME;
  if (wanted) {
    if (!(RUNTIMES as readonly string[]).includes(wanted)) throw new BerthError('INVALID_ARGUMENT', `unknown runtime: ${wanted}`);
    return runtimeByName(wanted, stateRoot);
  }
  for (const name of RUNTIMES) {
    if (name === 'crun' && cgroupHybrid() && existsSync('/sys/fs/cgroup/cpu')) continue;
    if (which(name)) return runtimeByName(name, stateRoot);
  }
  throw new BerthError('UNAVAILABLE', 'no OCI runtime found: install runc (or crun)');
}
