// `create`/`run` flags → CreateOptions, as docker/cli reads them (-e/--env-file resolution, -v/--mount/--tmpfs,
// --network, -a). Shared by the create, run and container create/run commands.

import { readFileSync } from 'node:fs';
import { labelMap } from '../oci/labels.js';
import { ramInBytes } from '../format/units.js';
import { BerthError, ClientSideError, FlagValueError } from '../errors.js';
import type { CreateOptions } from '../container/create.js';
import { parseEnvFile, parseEnvFlag, parseMountFlag, parseTmpfsFlag, parseVolumeFlag, type MountRequest } from '../container/options.js';
import type { NetworkMode, Ulimit } from '../container/record.js';
import type { DeviceMapping } from '../container/user-devices.js';
import { cliSecurityOpts } from '../container/security-opts.js';
import { cliLogConfig } from '../container/log-config.js';

export interface CreateFlags {
  attach?: string[];
  detach?: boolean;
  /** run's `--sig-proxy` (default on): pass the signals this process receives on to the container. */
  sigProxy?: boolean;
  interactive?: boolean;
  tty?: boolean;
  rm?: boolean;
  name?: string;
  env?: string[];
  envFile?: string[];
  workdir?: string;
  user?: string;
  entrypoint?: string;
  hostname?: string;
  volume?: string[];
  mount?: string[];
  network?: string;
  readOnly?: boolean;
  tmpfs?: string[];
  label?: string[];
  addHost?: string[];
  cidfile?: string;
  capAdd?: string[];
  capDrop?: string[];
  dns?: string[];
  expose?: string[];
  stopSignal?: string;
  stopTimeout?: string;
  groupAdd?: string[];
  ipc?: string;
  memory?: string;
  cpus?: string;
  pid?: string;
  platform?: string;
  pull?: string;
  shmSize?: string;
  sysctl?: string[];
  uts?: string;
  ulimit?: string[];
  device?: string[];
  securityOpt?: string[];
  logDriver?: string;
  logOpt?: string[];
  userns?: string;
  init?: boolean;
  privileged?: boolean;
  restart?: string;
}

/** `--restart` as docker/cli splits it (opts.ParseRestartPolicy); the name is the daemon's to check. */
function parseRestart(v: string | undefined): { Name: string; MaximumRetryCount: number } | undefined {
  if (v === undefined || v === '') return undefined;
  const parts = v.split(':');
  if (parts.length > 2) throw new ClientSideError('invalid restart policy format');
  if (parts.length === 2 && !/^-?\d+$/.test(parts[1])) throw new ClientSideError('maximum retry count must be an integer');
  return { Name: parts[0], MaximumRetryCount: parts.length === 2 ? Number(parts[1]) : 0 };
}

/** docker/cli's validDeviceMode: some of r, w and m, each at most once. */
function validDeviceMode(mode: string): boolean {
  return mode !== '' && /^[rwm]+$/.test(mode) && new Set(mode).size === mode.length;
}

/**
 * `--device host[:container][:permissions]` as docker/cli checks it (validateLinuxPath with validDeviceMode) and splits
 * it (parseLinuxDevice): a second part that is a valid mode is the permissions; the container path is absolute.
 */
export function parseDevice(v: string): DeviceMapping {
  const bad = (why: string) => new FlagValueError(`invalid argument "${v}" for "--device" flag: ${why}`);
  const parts = v.split(':');
  if (parts.length > 3 || parts[0] === '') throw bad(`bad format for path: ${v}`);
  let dst = parts[0];
  let permissions = 'rwm';
  if (parts.length === 2) {
    if (validDeviceMode(parts[1])) permissions = parts[1];
    else dst = parts[1];
  } else if (parts.length === 3) {
    dst = parts[1];
    if (!validDeviceMode(parts[2])) throw bad(`bad mode specified: ${parts[2]}`);
    permissions = parts[2];
  }
  if (!dst.startsWith('/')) throw bad(`${dst} is not an absolute path`);
  return { PathOnHost: parts[0], PathInContainer: dst, CgroupPermissions: permissions };
}

const ULIMIT_TYPES = ['core', 'cpu', 'data', 'fsize', 'locks', 'memlock', 'msgqueue', 'nice', 'nofile', 'nproc', 'rss', 'rtprio', 'rttime', 'sigpending', 'stack'];

/** `--ulimit name=soft[:hard]` as go-units ParseUlimit reads it. */
function parseUlimit(v: string): Ulimit {
  const bad = (why: string) => new FlagValueError(`invalid argument "${v}" for "--ulimit" flag: ${why}`);
  const i = v.indexOf('=');
  if (i < 0) throw bad(`invalid ulimit argument: ${v}`);
  const name = v.slice(0, i);
  if (!ULIMIT_TYPES.includes(name)) throw bad(`invalid ulimit type: ${name}`);
  const parts = v.slice(i + 1).split(':');
  if (parts.length > 2) throw bad(`too many limit value arguments - ${v.slice(i + 1)}, can only have up to two, \`soft[:hard]\``);
  const [soft, hard] = parts.map((p) => {
    if (!/^-?\d+$/.test(p)) throw bad(`strconv.ParseInt: parsing ${JSON.stringify(p)}: invalid syntax`);
    return Number(p);
  });
  const h = hard ?? soft;
  if (soft > h) throw bad(`ulimit soft limit must be less than or equal to hard limit: ${soft} > ${h}`);
  return { Name: name, Hard: h, Soft: soft };
}

/** units.RAMInBytes, as docker/cli reads `--memory` and `--shm-size` (k, m, g… are powers of 1024). */
function parseBytes(v: string, flag: string): number {
  try {
    return Math.floor(ramInBytes(v));
  } catch (e) {
    throw new FlagValueError(`invalid argument "${v}" for "${flag}" flag: ${(e as Error).message}`);
  }
}

/** `--cpus` as billionths of a CPU (opts.NanoCPUs). */
function parseCpus(v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new FlagValueError(`invalid argument "${v}" for "--cpus" flag: failed to parse ${v} as a rational number`);
  const nano = n * 1e9;
  if (!Number.isInteger(Math.round(nano * 1e6) / 1e6)) throw new FlagValueError(`invalid argument "${v}" for "--cpus" flag: value is too precise`);
  return Math.round(nano);
}

/** The sysctls Docker lets a container set (opts.ValidateSysctl): namespaced IPC ones and the network's. */
function parseSysctl(v: string): [string, string] {
  const i = v.indexOf('=');
  const key = i < 0 ? v : v.slice(0, i);
  const ok = i > 0 && (/^(kernel\.(msgmax|msgmnb|msgmni|sem|shmall|shmmax|shmmni|shm_rmid_forced)|fs\.mqueue\.|net\.)/.test(key));
  if (!ok) throw new FlagValueError(`invalid argument "${v}" for "--sysctl" flag: sysctl '${v}' is not whitelisted`);
  return [key, v.slice(i + 1)];
}

function namespaceMode(v: string | undefined, flag: string, allowed: readonly string[], what: string): string {
  if (v === undefined || v === '') return '';
  // `container:<x>` joins another container's namespace (the daemon resolves x)
  if (!allowed.includes(v) && !(allowed.includes('container:') && v.startsWith('container:') && v.length > 10)) {
    throw new ClientSideError(`--${flag}: invalid ${what} mode`);
  }
  return v;
}

const NETWORKS = new Set(['default', 'bridge', 'none', 'host']);

/** `--add-host name:ip` as docker/cli checks it (opts.ValidateExtraHost). */
function parseExtraHost(v: string): string {
  const i = v.indexOf(':');
  if (i <= 0) throw new FlagValueError(`invalid argument "${v}" for "--add-host" flag: bad format for add-host: "${v}"`);
  const ip = v.slice(i + 1);
  if (!/^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*)$/.test(ip)) {
    throw new FlagValueError(`invalid argument "${v}" for "--add-host" flag: invalid IP address in add-host: "${ip}"`);
  }
  return v;
}

function parseStopTimeout(v: string): number {
  if (!/^-?\d+$/.test(v)) throw new FlagValueError(`invalid argument "${v}" for "--stop-timeout" flag: strconv.ParseInt: parsing "${JSON.stringify(v).slice(1, -1)}": invalid syntax`);
  return Number(v);
}

export function createOptions(image: string, cmd: string[], f: CreateFlags, forRun: boolean): CreateOptions {
  const lookup = (n: string) => process.env[n];
  const env: string[] = [];
  for (const file of f.envFile ?? []) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new ClientSideError(`open ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`);
    }
    env.push(...parseEnvFile(text, lookup));
  }
  for (const e of f.env ?? []) {
    const v = parseEnvFlag(e, lookup);
    if (v !== null) env.push(v);
  }
  const mounts: MountRequest[] = [];
  for (const v of f.volume ?? []) mounts.push(parseVolumeFlag(v));
  for (const m of f.mount ?? []) mounts.push(parseMountFlag(m));
  const tmpfs: Record<string, string> = {};
  for (const t of f.tmpfs ?? []) {
    const req = parseTmpfsFlag(t);
    mounts.push(req);
    tmpfs[req.target] = req.type === 'tmpfs' ? req.options.join(',') : '';
  }
  if (f.rm && f.restart && f.restart !== 'no') throw new ClientSideError('Conflicting options: --restart and --rm');
  const network = (f.network ?? 'default') as NetworkMode;
  if (!NETWORKS.has(network) && !network.startsWith('container:')) throw new BerthError('NOT_FOUND', `network ${network} not found`);
  const streams = new Set((f.attach ?? []).map((s) => s.toLowerCase()));
  for (const s of streams) {
    if (['stdin', 'stdout', 'stderr'].includes(s)) continue;
    throw new BerthError('INVALID_ARGUMENT', `invalid argument "${s}" for "-a, --attach" flag: valid streams are STDIN, STDOUT and STDERR`);
  }
  const detached = !!f.detach || !forRun;
  const attach =
    streams.size > 0
      ? { stdin: streams.has('stdin'), stdout: streams.has('stdout'), stderr: streams.has('stderr') }
      : { stdin: !!f.interactive && !detached, stdout: !detached || !forRun, stderr: !detached || !forRun };
  if (!forRun && streams.size === 0) {
    attach.stdin = !!f.interactive;
    attach.stdout = true;
    attach.stderr = true;
  }
  const labels = labelMap(f.label);
  return {
    image,
    cmd,
    name: f.name,
    env,
    workdir: f.workdir,
    user: f.user,
    entrypoint: f.entrypoint,
    hostname: f.hostname,
    tty: !!f.tty,
    openStdin: !!f.interactive,
    attach,
    mounts,
    binds: f.volume ?? [],
    tmpfs,
    network,
    readOnly: !!f.readOnly,
    autoRemove: !!f.rm,
    labels,
    capAdd: f.capAdd ?? [],
    capDrop: f.capDrop ?? [],
    extraHosts: (f.addHost ?? []).map(parseExtraHost),
    dns: f.dns ?? [],
    expose: f.expose ?? [],
    stopSignal: f.stopSignal,
    stopTimeout: f.stopTimeout === undefined ? undefined : parseStopTimeout(f.stopTimeout),
    groupAdd: f.groupAdd ?? [],
    memory: f.memory === undefined ? 0 : parseBytes(f.memory, '-m, --memory'),
    nanoCpus: f.cpus === undefined ? 0 : parseCpus(f.cpus),
    shmSize: f.shmSize === undefined ? 0 : parseBytes(f.shmSize, '--shm-size'),
    sysctls: Object.fromEntries((f.sysctl ?? []).map(parseSysctl)),
    pidMode: namespaceMode(f.pid, 'pid', ['host', 'container:'], 'PID'),
    ipcMode: namespaceMode(f.ipc, 'ipc', ['private', 'host'], 'IPC'),
    utsMode: namespaceMode(f.uts, 'uts', ['host'], 'UTS'),
    platform: f.platform,
    ulimits: (f.ulimit ?? []).map(parseUlimit),
    devices: (f.device ?? []).map(parseDevice),
    securityOpt: cliSecurityOpts(f.securityOpt ?? []),
    // `host` is the only user namespace mode (it means "not remapped", which berth never does)
    usernsMode: namespaceMode(f.userns, 'userns', ['host'], 'USER'),
    logConfig: cliLogConfig(f.logDriver, f.logOpt ?? []),
    init: !!f.init,
    privileged: !!f.privileged,
    restartPolicy: parseRestart(f.restart),
    containerIDFile: f.cidfile,
  };
}
