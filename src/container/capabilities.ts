// A container's capabilities: Docker's default set with `--cap-add`/`--cap-drop` applied as its daemon does
// (moby oci/caps TweakCapabilities): names in any case, with or without `CAP_`; `ALL` adds or drops them all.

import { BerthError } from '../errors.js';
import { DEFAULT_CAPABILITIES } from './spec.js';
import type { HostOptions } from './record.js';

/** Every capability Linux defines (through 5.x), in its order. */
export const ALL_CAPABILITIES = [
  'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_DAC_READ_SEARCH', 'CAP_FOWNER', 'CAP_FSETID', 'CAP_KILL', 'CAP_SETGID',
  'CAP_SETUID', 'CAP_SETPCAP', 'CAP_LINUX_IMMUTABLE', 'CAP_NET_BIND_SERVICE', 'CAP_NET_BROADCAST', 'CAP_NET_ADMIN',
  'CAP_NET_RAW', 'CAP_IPC_LOCK', 'CAP_IPC_OWNER', 'CAP_SYS_MODULE', 'CAP_SYS_RAWIO', 'CAP_SYS_CHROOT', 'CAP_SYS_PTRACE',
  'CAP_SYS_PACCT', 'CAP_SYS_ADMIN', 'CAP_SYS_BOOT', 'CAP_SYS_NICE', 'CAP_SYS_RESOURCE', 'CAP_SYS_TIME',
  'CAP_SYS_TTY_CONFIG', 'CAP_MKNOD', 'CAP_LEASE', 'CAP_AUDIT_WRITE', 'CAP_AUDIT_CONTROL', 'CAP_SETFCAP',
  'CAP_MAC_OVERRIDE', 'CAP_MAC_ADMIN', 'CAP_SYSLOG', 'CAP_WAKE_ALARM', 'CAP_BLOCK_SUSPEND', 'CAP_AUDIT_READ',
  'CAP_PERFMON', 'CAP_BPF', 'CAP_CHECKPOINT_RESTORE',
];

const ALL = 'ALL';

/** `net_admin` → `CAP_NET_ADMIN` (`ALL` stays); an unknown name is Docker's `invalid CapAdd: unknown capability`. */
function normalize(names: readonly string[], which: 'CapAdd' | 'CapDrop'): string[] {
  return names.map((n) => {
    const up = n.toUpperCase();
    if (up === ALL) return ALL;
    const cap = up.startsWith('CAP_') ? up : `CAP_${up}`;
    if (!ALL_CAPABILITIES.includes(cap)) throw new BerthError('INVALID_ARGUMENT', `invalid ${which}: unknown capability: "${cap}"`);
    return cap;
  });
}

/** The process's capability set for `--cap-add` and `--cap-drop` (checked: the same errors at create as at start). */
export function containerCapabilities(add: readonly string[] = [], drop: readonly string[] = []): string[] {
  const adds = normalize(add, 'CapAdd');
  const drops = normalize(drop, 'CapDrop');
  let caps: string[];
  if (adds.includes(ALL)) caps = ALL_CAPABILITIES.filter((c) => !drops.includes(c));
  else if (drops.includes(ALL)) caps = adds;
  else caps = [...DEFAULT_CAPABILITIES.filter((c) => !drops.includes(c)), ...adds];
  return [...new Set(caps)];
}

/** The capabilities a container's processes get (its command and every exec): all of them when `--privileged`. */
export function processCapabilities(host: Pick<HostOptions, 'privileged' | 'capAdd' | 'capDrop'>): string[] {
  return host.privileged ? ALL_CAPABILITIES : containerCapabilities(host.capAdd ?? [], host.capDrop ?? []);
}
