// The OCI runtime config (config.json) for a container, from its resolved process, user, mounts and options:
// pure, so every rule is unit-tested. Mirrors what Docker 20.10 hands runc (moby daemon/oci_linux.go and
// oci/defaults.go): default capabilities, masked and read-only paths, /dev with the usual nodes, no rlimits.

/** A mount as the OCI runtime spec describes it (config.md "Mounts"). */
export interface OciMount {
  destination: string;
  type: string;
  source: string;
  options: string[];
}

export interface SpecUser {
  uid: number;
  gid: number;
  additionalGids: number[];
}

export interface SpecInput {
  args: string[];
  env: string[];
  cwd: string;
  user: SpecUser;
  tty: boolean;
  hostname: string;
  /**
   * The root filesystem: `mount` is mounted at `/` by the runtime inside the container's mount namespace (so it
   * goes away with it); `path` is an already-prepared directory.
   */
  rootfs: { mount: OciMount } | { path: string };
  readonlyRootfs: boolean;
  /** Bind mounts, volumes and tmpfs mounts the user asked for. */
  mounts: OciMount[];
  /** The container's own /etc/resolv.conf, /etc/hostname and /etc/hosts (bind mounts, after the user's). */
  files: OciMount[];
  network: 'private' | 'host';
  /** Relative paths nest under the runtime's own cgroup (cgroup v1: per controller). */
  cgroupsPath: string;
  /** The process's capabilities (capabilities.ts); Docker's default set when absent. */
  capabilities?: string[];
  /** /dev/shm's size in bytes (Docker's 64 MB when absent or 0). */
  shmSize?: number;
  /** Limits: memory in bytes (swap twice that, as Docker sets it), CPUs in billionths; 0 or absent for none. */
  memory?: number;
  nanoCpus?: number;
  sysctls?: Record<string, string>;
  /** Namespaces shared with the host (`--pid`, `--ipc`, `--uts host`). */
  hostNamespaces?: ('pid' | 'ipc' | 'uts')[];
  /** Another container's namespaces to enter (`--network`/`--pid container:<x>`): /proc/<pid>/ns/… paths. */
  joinNamespaces?: { network?: string; pid?: string };
  /**
   * `--privileged`: the host's devices (all of them allowed), no masked or read-only paths, /sys and its cgroups
   * writable (the capabilities come in `capabilities`).
   */
  privileged?: { devices: object[] };
  /** `--security-opt no-new-privileges`: the process (and what it runs) can't gain privileges through exec. */
  noNewPrivileges?: boolean;
  /** `--security-opt seccomp=<profile>`: the runtime's seccomp config made of it (seccomp.ts); none: no filter. */
  seccomp?: object;
  /** `--device` nodes (with their paths in the container) and the cgroup rules that allow them. */
  devices?: { devices: object[]; rules: object[] };
  /** `--ulimit`s; none given, the process inherits the runtime's (it may not raise them: no CAP_SYS_RESOURCE here). */
  ulimits?: { Name: string; Hard: number; Soft: number }[];
}

export const DEFAULT_CAPABILITIES = [
  'CAP_CHOWN',
  'CAP_DAC_OVERRIDE',
  'CAP_FSETID',
  'CAP_FOWNER',
  'CAP_MKNOD',
  'CAP_NET_RAW',
  'CAP_SETGID',
  'CAP_SETUID',
  'CAP_SETFCAP',
  'CAP_SETPCAP',
  'CAP_NET_BIND_SERVICE',
  'CAP_SYS_CHROOT',
  'CAP_KILL',
  'CAP_AUDIT_WRITE',
];

export const MASKED_PATHS = [
  '/proc/asound',
  '/proc/acpi',
  '/proc/kcore',
  '/proc/keys',
  '/proc/latency_stats',
  '/proc/timer_list',
  '/proc/timer_stats',
  '/proc/sched_debug',
  '/proc/scsi',
  '/sys/firmware',
];

export const READONLY_PATHS = ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'];

const WRITABLE_UNDER_RO = new Set(['/proc', '/dev', '/dev/pts', '/dev/shm', '/dev/mqueue']);

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Docker's /dev/shm size when `--shm-size` is not given (64 MB). */
const DEFAULT_SHM = 67108864;

/** Docker's base mounts, in its order; user mounts over the same destination replace them. */
function baseMounts(shmSize = DEFAULT_SHM): OciMount[] {
  return [
    { destination: '/proc', type: 'proc', source: 'proc', options: ['nosuid', 'noexec', 'nodev'] },
    { destination: '/dev', type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'strictatime', 'mode=755', 'size=65536k'] },
    {
      destination: '/dev/pts',
      type: 'devpts',
      source: 'devpts',
      options: ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620', 'gid=5'],
    },
    { destination: '/sys', type: 'sysfs', source: 'sysfs', options: ['nosuid', 'noexec', 'nodev', 'ro'] },
    { destination: '/sys/fs/cgroup', type: 'cgroup', source: 'cgroup', options: ['ro', 'nosuid', 'noexec', 'nodev'] },
    { destination: '/dev/mqueue', type: 'mqueue', source: 'mqueue', options: ['nosuid', 'noexec', 'nodev'] },
    { destination: '/dev/shm', type: 'tmpfs', source: 'shm', options: ['nosuid', 'noexec', 'nodev', 'mode=1777', `size=${shmSize}`] },
  ];
}

/** Docker's device cgroup rules: deny all, then the default nodes (null, zero, full, random, urandom, tty, ptmx). */
function deviceRules(): object[] {
  const allow = (major: number, minor: number) => ({ allow: true, type: 'c', major, minor, access: 'rwm' });
  return [
    { allow: false, access: 'rwm' },
    allow(1, 5),
    allow(1, 3),
    allow(1, 9),
    allow(1, 8),
    allow(5, 0),
    allow(5, 1),
    { allow: false, type: 'c', major: 10, minor: 229, access: 'rwm' },
  ];
}

/**
 * The process environment as Docker builds it: PATH and HOSTNAME (and TERM=xterm with a terminal) first, then the
 * container's variables, each replacing an earlier one of the same name in place.
 */
export function processEnv(configEnv: readonly string[], hostname: string, tty: boolean): string[] {
  const out = [`PATH=${DEFAULT_PATH}`, `HOSTNAME=${hostname}`];
  if (tty) out.push('TERM=xterm');
  for (const kv of configEnv) {
    const name = kv.split('=')[0];
    const i = out.findIndex((e) => e.split('=')[0] === name);
    if (i >= 0) out[i] = kv;
    else out.push(kv);
  }
  return out;
}

/** The cgroup resources: Docker's device rules, and the memory and CPU limits asked for. */
function resources(input: SpecInput): Record<string, unknown> {
  const out: Record<string, unknown> = {
    devices: input.privileged ? [{ allow: true, access: 'rwm' }] : [...deviceRules(), ...(input.devices?.rules ?? [])],
  };
  if (input.memory) out.memory = { limit: input.memory, swap: input.memory * 2 };
  if (input.nanoCpus) out.cpu = { period: 100000, quota: Math.round((input.nanoCpus * 100000) / 1e9) };
  return out;
}

export function buildSpec(input: SpecInput): Record<string, unknown> {
  const user = new Set(input.mounts.map((m) => m.destination));
  const under = (dest: string) => [...user].some((d) => d === dest || (d !== '/' && dest.startsWith(d + '/')));
  // A user mount on a base destination (or above it, e.g. /dev) replaces it, as Docker does.
  const shared = new Set(input.hostNamespaces ?? []);
  // An IPC namespace of the host's own shares its /dev/shm too (Docker binds it).
  const base = baseMounts(input.shmSize || DEFAULT_SHM)
    .map((m) => (input.privileged && (m.type === 'sysfs' || m.type === 'cgroup') ? { ...m, options: m.options.filter((o) => o !== 'ro') } : m))
    .map((m) => (m.destination === '/dev/shm' && shared.has('ipc') ? { destination: '/dev/shm', type: 'bind', source: '/dev/shm', options: ['rbind', 'rprivate'] } : m))
    .filter((m) => !under(m.destination));
  const files = input.files.filter((m) => !user.has(m.destination)).map((m) => ({ ...m, options: [...m.options] }));
  if (input.readonlyRootfs) {
    // Docker makes every mount the user didn't ask for read-only too, except /proc and the writable /dev ones.
    for (const m of [...base, ...files]) {
      if (WRITABLE_UNDER_RO.has(m.destination) || m.options.includes('ro')) continue;
      m.options.push('ro');
    }
  }
  const mounts: OciMount[] = [];
  if ('mount' in input.rootfs) mounts.push(input.rootfs.mount);
  mounts.push(...base, ...input.mounts, ...files);

  const join = input.joinNamespaces ?? {};
  const namespaces: { type: string; path?: string }[] = [{ type: 'mount' }];
  if (input.network !== 'host') namespaces.push(join.network ? { type: 'network', path: join.network } : { type: 'network' });
  for (const type of ['uts', 'pid', 'ipc'] as const) {
    if (shared.has(type)) continue;
    namespaces.push(type === 'pid' && join.pid ? { type, path: join.pid } : { type });
  }

  const linux: Record<string, unknown> = {
    sysctl:
      {
        // not in a network namespace the host or another container owns
        ...(input.network === 'host' || join.network ? {} : { 'net.ipv4.ip_unprivileged_port_start': '0', 'net.ipv4.ping_group_range': '0 2147483647' }),
        ...(input.sysctls ?? {}),
      },
    resources: resources(input),
    cgroupsPath: input.cgroupsPath,
    namespaces,
    ...(input.privileged || input.devices?.devices.length
      ? { devices: [...(input.privileged?.devices ?? []), ...(input.devices?.devices ?? [])] }
      : {}),
    ...(input.privileged ? {} : { maskedPaths: MASKED_PATHS, readonlyPaths: READONLY_PATHS }),
    ...(input.seccomp ? { seccomp: input.seccomp } : {}),
  };

  return {
    ociVersion: '1.0.2-dev',
    process: {
      terminal: input.tty,
      user: input.user,
      args: input.args,
      env: input.env,
      cwd: input.cwd,
      capabilities: capabilitySets(input.capabilities ?? DEFAULT_CAPABILITIES),
      oomScoreAdj: 0,
      ...(input.ulimits?.length ? { rlimits: input.ulimits.map((u) => ({ type: `RLIMIT_${u.Name.toUpperCase()}`, hard: u.Hard, soft: u.Soft })) } : {}),
      ...(input.noNewPrivileges ? { noNewPrivileges: true } : {}),
    },
    root: { path: 'path' in input.rootfs ? input.rootfs.path : 'rootfs', readonly: input.readonlyRootfs },
    // the host's UTS namespace keeps the host's name (the runtime may not set one there)
    ...(shared.has('uts') ? {} : { hostname: input.hostname }),
    mounts,
    linux,
  };
}

const capabilitySets = (caps: string[]) => ({ bounding: caps, effective: caps, permitted: caps });

/**
 * The process config.json of an `exec` (runc exec --process): the container's defaults with the exec's own, and the
 * container's capabilities (Docker gives exec the same set).
 */
export function execProcess(p: {
  args: string[];
  env: string[];
  cwd: string;
  user: SpecUser;
  tty: boolean;
  capabilities?: string[];
  noNewPrivileges?: boolean;
}): Record<string, unknown> {
  return {
    terminal: p.tty,
    user: p.user,
    args: p.args,
    env: p.env,
    cwd: p.cwd,
    capabilities: capabilitySets(p.capabilities ?? DEFAULT_CAPABILITIES),
    // as moby's exec: the container's no-new-privileges goes for exec'd processes too
    ...(p.noNewPrivileges ? { noNewPrivileges: true } : {}),
  };
}
