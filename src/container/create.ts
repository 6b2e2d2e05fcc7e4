// `create`: a container record from an image and the user's options, merged as Docker merges them (the image's
// Env, Cmd, Entrypoint, WorkingDir, User, Volumes, Labels under the user's), its writable layer, its /etc files and
// its volumes. Everything is checked before anything is made; a failure part-way removes what was made.

import { mkdir, stat } from 'node:fs/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { hostname as osHostname } from 'node:os';
import type { Store } from '../store/store.js';
import { BerthError, ClientSideError } from '../errors.js';
import type { Digest } from '../digest/digest.js';
import type { ContainerConfig, ImageConfig } from '../oci/types.js';
import { findImage } from '../image/resolve.js';
import { parseAnyReference, tagNameOnly } from '../reference/normalize.js';
import { createSnapshotter } from '../snapshot/index.js';
import { newContainerID, randomName, validateName } from './names.js';
import { clean, type MountRequest } from './options.js';
import { hostsFile, resolvConf } from './etc-files.js';
import { ensureVolume, newVolumeName } from './volumes.js';
import { detectRuntime } from './runtime/detect.js';
import { initialState, type ContainerRecord, type MountPoint, type NetworkMode, type Ulimit } from './record.js';
import type { DeviceMapping } from './user-devices.js';
import { daemonSecurityOpts } from './security-opts.js';
import { checkLogConfig, type LogConfig } from './log-config.js';
import { resolveJoinMode } from './join-namespaces.js';
import { nowRFC3339Nano } from './time.js';
import { destroyContainer } from './remove.js';
import { containerCapabilities } from './capabilities.js';
import { formatPlatform, parsePlatform, platformMatcher } from '../oci/platform.js';
import { readTextOrNull } from '../sys/read-text.js';

export interface CreateOptions {
  image: string;
  /** COMMAND [ARG...] after the image; empty uses the image's Cmd. */
  cmd: string[];
  name?: string;
  /** `-e`/`--env-file` values, already `NAME=value`. */
  env: string[];
  workdir?: string;
  user?: string;
  /** `--entrypoint`: undefined when not given; '' resets the image's. */
  entrypoint?: string;
  hostname?: string;
  tty: boolean;
  openStdin: boolean;
  attach: { stdin: boolean; stdout: boolean; stderr: boolean };
  mounts: MountRequest[];
  /** The raw `-v` values, for HostConfig.Binds. */
  binds: string[];
  tmpfs: Record<string, string>;
  network: NetworkMode;
  readOnly: boolean;
  autoRemove: boolean;
  labels?: Record<string, string>;
  /** `--cap-add`/`--cap-drop` (capabilities.ts). */
  capAdd?: string[];
  capDrop?: string[];
  /** `--add-host name:ip` lines for /etc/hosts; `--dns` servers for /etc/resolv.conf. */
  extraHosts?: string[];
  dns?: string[];
  /** `--expose` ports (`80`, `53/udp`, `8000-8002`). */
  expose?: string[];
  stopSignal?: string;
  stopTimeout?: number;
  /** `--group-add`: more groups for the process (names from the container's /etc/group). */
  groupAdd?: string[];
  /** Bytes (0: Docker's defaults: no limit, a 64 MB /dev/shm); `nanoCpus` in billionths of a CPU. */
  memory?: number;
  nanoCpus?: number;
  shmSize?: number;
  sysctls?: Record<string, string>;
  /** `host` shares the host's namespace; '' (or `private` for IPC) gives the container its own. */
  pidMode?: string;
  ipcMode?: string;
  utsMode?: string;
  /** `--platform`: the image must be for it. */
  platform?: string;
  /** `--ulimit`s for the process (none: it inherits berth's, as Docker's inherit the daemon's). */
  ulimits?: Ulimit[];
  /** `--device`s; their host paths are resolved at start, as Docker does. */
  devices?: DeviceMapping[];
  /** `--security-opt`s as docker/cli passes them (security-opts.ts). */
  securityOpt?: string[];
  /** `--log-driver`/`--log-opt` (log-config.ts); json-file when absent. */
  logConfig?: LogConfig;
  /** `--userns`: '' or `host` (berth never remaps users, so both run the same). */
  usernsMode?: string;
  /** `--init`: an init process (tini) runs the command. */
  init?: boolean;
  /** `--cidfile`, for inspect (the CLI writes the file). */
  containerIDFile?: string;
  /** `--privileged` (see HostOptions.privileged). */
  privileged?: boolean;
  /** `--restart`; the name is checked here, as Docker's daemon does. */
  restartPolicy?: { Name: string; MaximumRetryCount: number };
}

export function noSuchImageName(image: string): string {
  try {
    const p = parseAnyReference(image);
    if (typeof p === 'string') return image;
    return (p.digest ? p : tagNameOnly(p)).familiar();
  } catch {
    return image;
  }
}

function mergeEnv(base: readonly string[], over: readonly string[]): string[] {
  const out = [...base];
  for (const kv of over) {
    const name = kv.split('=')[0];
    const i = out.findIndex((e) => e.split('=')[0] === name);
    if (i >= 0) out[i] = kv;
    else out.push(kv);
  }
  return out;
}

/** The image's exposed ports with `--expose`'s (a port, `port/proto`, or a range `from-to[/proto]`). */
function exposedPorts(image: Record<string, object | null> | null | undefined, expose: readonly string[]): Record<string, object | null> | undefined {
  if (expose.length === 0) return image ?? undefined;
  const out: Record<string, object | null> = { ...(image ?? {}) };
  for (const e of expose) {
    const m = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/.exec(e);
    if (!m) throw new ClientSideError(`invalid range format for --expose: ${e}, error: strconv.ParseUint: parsing ${JSON.stringify(e)}: invalid syntax`);
    const [lo, hi] = [Number(m[1]), Number(m[2] ?? m[1])];
    for (let p = lo; p <= hi; p++) out[`${p}/${m[3] ?? 'tcp'}`] = {};
  }
  return out;
}

/** Docker's merge of user config over image config (daemon/create.go + runconfig merge). */
export function mergeConfig(img: ContainerConfig, o: CreateOptions, hostname: string): { config: ContainerConfig; path: string; args: string[] } {
  let entrypoint: string[] | null = img.Entrypoint ?? null;
  let cmd: string[] | null = img.Cmd ?? null;
  if (o.entrypoint !== undefined) {
    entrypoint = o.entrypoint === '' ? null : [o.entrypoint];
    cmd = null;
  }
  if (o.cmd.length > 0) cmd = o.cmd;
  const argv = [...(entrypoint ?? []), ...(cmd ?? [])];
  if (argv.length === 0) throw new BerthError('INVALID_ARGUMENT', 'No command specified');
  const volumes: Record<string, object | null> = { ...(img.Volumes ?? {}) };
  for (const m of o.mounts) if (m.type === 'volume' && !m.name && m.fromFlag === '-v') volumes[m.target] = {};
  const config: ContainerConfig = {
    Hostname: hostname,
    Domainname: '',
    User: o.user ?? img.User ?? '',
    AttachStdin: o.attach.stdin,
    AttachStdout: o.attach.stdout,
    AttachStderr: o.attach.stderr,
    ExposedPorts: exposedPorts(img.ExposedPorts, o.expose ?? []),
    Tty: o.tty,
    OpenStdin: o.openStdin,
    StdinOnce: o.openStdin && o.attach.stdin,
    Env: o.env.length || img.Env?.length ? mergeEnv(img.Env ?? [], o.env) : (img.Env ?? null),
    Cmd: cmd,
    Image: o.image,
    Volumes: Object.keys(volumes).length ? volumes : null,
    WorkingDir: o.workdir ? clean(o.workdir) : (img.WorkingDir ?? ''),
    Entrypoint: entrypoint,
    OnBuild: img.OnBuild ?? null,
    Labels: { ...(img.Labels ?? {}), ...(o.labels ?? {}) },
  };
  const stopSignal = o.stopSignal || img.StopSignal;
  if (stopSignal) config.StopSignal = stopSignal;
  if (o.stopTimeout !== undefined) config.StopTimeout = o.stopTimeout;
  return { config, path: argv[0], args: argv.slice(1) };
}

/** Checks what can be checked before anything is made: bind sources of --mount, workdir, name. */
async function preflight(o: CreateOptions): Promise<void> {
  containerCapabilities(o.capAdd, o.capDrop);
  if (o.logConfig) checkLogConfig(o.logConfig);
  const rp = o.restartPolicy;
  if (rp) {
    if (!['no', 'always', 'unless-stopped', 'on-failure'].includes(rp.Name)) throw new BerthError('INVALID_ARGUMENT', `invalid restart policy '${rp.Name}'`);
    if (rp.MaximumRetryCount < 0) throw new BerthError('INVALID_ARGUMENT', 'maximum retry count cannot be negative');
    if (rp.MaximumRetryCount > 0 && rp.Name !== 'on-failure') {
      throw new BerthError('INVALID_ARGUMENT', `maximum retry count cannot be used with restart policy '${rp.Name}'`);
    }
  }
  if (o.memory && o.memory < 6 * 1024 * 1024) throw new BerthError('INVALID_ARGUMENT', 'Minimum memory limit allowed is 6MB');
  if (o.utsMode === 'host' && o.hostname) throw new BerthError('INVALID_ARGUMENT', 'Conflicting options: hostname and the UTS mode');
  if (o.workdir && !o.workdir.startsWith('/')) {
    throw new BerthError('INVALID_ARGUMENT', `the working directory '${o.workdir}' is invalid, it needs to be an absolute path`);
  }
  for (const m of o.mounts) {
    if (m.type === 'bind' && m.fromFlag === '--mount') {
      if (!(await stat(m.source).catch(() => null)))
        throw new BerthError('INVALID_ARGUMENT', `invalid mount config for type "bind": bind source path does not exist: ${m.source}`);
    }
  }
  const seen = new Set<string>();
  for (const m of o.mounts) {
    if (seen.has(m.target)) throw new BerthError('INVALID_ARGUMENT', `Duplicate mount point: ${m.target}`);
    seen.add(m.target);
  }
}

export async function createContainer(store: Store, o: CreateOptions): Promise<ContainerRecord> {
  const hit = await findImage(store, o.image);
  if (!hit) throw new BerthError('NOT_FOUND', `No such image: ${noSuchImageName(o.image)}`);
  const imageRec = await store.images.get(hit.id);
  if (!imageRec) throw new BerthError('NOT_FOUND', `No such image: ${noSuchImageName(o.image)}`);
  const imgConfig = JSON.parse((await store.content.read(hit.id)).toString('utf8')) as ImageConfig;
  if (o.platform) {
    const wanted = parsePlatform(o.platform);
    const actual = { os: imgConfig.os ?? 'linux', architecture: imgConfig.architecture ?? '', variant: imgConfig.variant };
    if (!platformMatcher(wanted).match(actual)) {
      throw new BerthError(
        'INVALID_ARGUMENT',
        `image with reference ${o.image} was found but does not match the specified platform: wanted ${formatPlatform(wanted)}, actual: ${formatPlatform(actual)}`,
      );
    }
  }
  // Another container's network brings its hostname and /etc files: these can't be set here too (moby's words).
  if (o.network.startsWith('container:')) {
    if (o.hostname) throw new BerthError('INVALID_ARGUMENT', 'conflicting options: hostname and the network mode');
    if (o.dns?.length) throw new BerthError('INVALID_ARGUMENT', 'conflicting options: dns and the network mode');
    if (o.extraHosts?.length) throw new BerthError('INVALID_ARGUMENT', 'conflicting options: custom host-to-IP mapping and the network mode');
  }
  o = { ...o, network: await resolveJoinMode(store, o.network), pidMode: o.pidMode && (await resolveJoinMode(store, o.pidMode)) };
  const id = newContainerID();
  // `-h` wins, also on the host's network (Docker sets it in the container's own UTS namespace either way).
  const hostName = o.hostname || (o.network === 'host' || o.utsMode === 'host' ? osHostname() : id.slice(0, 12));
  const merged = mergeConfig(imgConfig.config ?? {}, o, hostName);
  await preflight(o);
  const name = o.name !== undefined ? validateName(o.name) : '';
  const parentChainID: Digest | null = imageRec.layers.length ? imageRec.layers[imageRec.layers.length - 1] : null;
  return makeContainer(store, { ...o, id, name, image: hit.id, imageName: o.image, parentChainID, ...merged });
}

/** A container whose config is final (merged, or the builder's run config for a RUN step): what makeContainer needs. */
export interface ContainerSpec
  extends Pick<
    CreateOptions,
    | 'mounts' | 'binds' | 'tmpfs' | 'network' | 'readOnly' | 'autoRemove' | 'capAdd' | 'capDrop' | 'extraHosts' | 'dns'
    | 'groupAdd' | 'memory' | 'nanoCpus' | 'shmSize' | 'sysctls' | 'pidMode' | 'ipcMode' | 'utsMode' | 'ulimits' | 'init' | 'containerIDFile' | 'privileged' | 'restartPolicy' | 'devices' | 'securityOpt' | 'logConfig' | 'usernsMode'
  > {
  /** 64 hex. */
  id: string;
  /** '' picks a random name. */
  name: string;
  /** The image's ID; null for a container on no image (a RUN right after `FROM scratch`). */
  image: Digest | null;
  /** How the user named the image, for the "No such image" error when it goes away meanwhile. */
  imageName?: string;
  parentChainID: Digest | null;
  config: ContainerConfig;
  path: string;
  args: string[];
}

/**
 * Makes the container `spec` describes: its record (under the store lock, so image removal sees it), name, writable
 * layer, volumes, /etc files and empty log. A failure part-way removes what was made.
 */
export async function makeContainer(store: Store, spec: ContainerSpec): Promise<ContainerRecord> {
  const { id } = spec;
  let name = spec.name;
  const runtime = detectRuntime(store.containers.runtimeRoot);
  const imageName = spec.imageName ?? spec.image ?? '';
  const rec: ContainerRecord = {
    id,
    name,
    created: nowRFC3339Nano(),
    image: spec.image ?? ('' as Digest),
    parentChainID: spec.parentChainID,
    path: spec.path,
    args: spec.args,
    config: spec.config,
    host: {
      binds: spec.binds.length ? spec.binds : null,
      networkMode: spec.network,
      autoRemove: spec.autoRemove,
      readonlyRootfs: spec.readOnly,
      tmpfs: Object.keys(spec.tmpfs).length ? spec.tmpfs : null,
      mounts: mountSpecs(spec.mounts),
      capAdd: spec.capAdd?.length ? spec.capAdd : null,
      capDrop: spec.capDrop?.length ? spec.capDrop : null,
      extraHosts: spec.extraHosts?.length ? spec.extraHosts : null,
      dns: spec.dns ?? [],
      groupAdd: spec.groupAdd?.length ? spec.groupAdd : null,
      memory: spec.memory ?? 0,
      nanoCpus: spec.nanoCpus ?? 0,
      shmSize: spec.shmSize ?? 0,
      sysctls: spec.sysctls && Object.keys(spec.sysctls).length ? spec.sysctls : null,
      pidMode: spec.pidMode ?? '',
      ipcMode: spec.ipcMode || 'private',
      utsMode: spec.utsMode ?? '',
      ulimits: spec.ulimits?.length ? spec.ulimits : null,
      ...(spec.devices?.length ? { devices: spec.devices } : {}),
      ...(spec.securityOpt?.length ? { securityOpt: spec.securityOpt } : {}),
      ...(spec.logConfig && (spec.logConfig.Type !== 'json-file' || Object.keys(spec.logConfig.Config).length > 0) ? { logConfig: spec.logConfig } : {}),
      ...(spec.usernsMode ? { usernsMode: spec.usernsMode } : {}),
      // checked here, before anything is made (the builder's containers pass none)
      ...(spec.securityOpt?.length && daemonSecurityOpts(spec.securityOpt).noNewPrivileges ? { noNewPrivileges: true } : {}),
      ...(spec.init ? { init: true } : {}),
      ...(spec.containerIDFile ? { containerIDFile: spec.containerIDFile } : {}),
      ...(spec.privileged ? { privileged: true } : {}),
      ...(spec.restartPolicy && spec.restartPolicy.Name !== 'no' ? { restartPolicy: spec.restartPolicy } : {}),
    },
    mounts: [],
    runtime: runtime.name,
    driver: store.driver === 'vfs' ? 'vfs' : 'overlay2',
  };

  const cs = store.containers;
  // The record is written under the store lock so that image removal and GC, which take it, see the container. No
  // commit marker: nothing here needs rolling back (a crash part-way leaves at most a name without a record, which
  // the next reservation of that name reclaims, and a directory without a record, which is not a container).
  const { durable, filesFailed } = await store.lock.withExclusive(async () => {
    if (spec.image && !(await store.images.get(spec.image))) throw new BerthError('NOT_FOUND', `No such image: ${noSuchImageName(imageName)}`);
    if (name) await cs.reserveName(name, id);
    else {
      for (let retry = 0; ; retry++) {
        name = randomName(retry);
        try {
          await cs.reserveName(name, id);
          break;
        } catch (e) {
          if (retry >= 5) throw e;
        }
      }
      rec.name = name;
    }
    mkdirSync(cs.home(id), { mode: 0o710 });
    // The disk syncs the record (not a --rm container's: ContainerStore.writeRecord) on the thread pool while this
    // thread writes the container's own small files, which need nothing of it (until the record is in place, they
    // are in a directory that is not a container).
    const record = cs.writeRecordOverlapped(rec);
    let filesFailed: { error: unknown } | null = null;
    try {
      writeContainerFiles(cs, spec);
    } catch (error) {
      filesFailed = { error };
    }
    await record.placed;
    return { durable: record.durable, filesFailed };
  });

  try {
    if (filesFailed) throw filesFailed.error;
    const snap = createSnapshotter(store);
    // Assembled in the container's directory: a crash part-way leaves nothing that removing the container misses.
    await snap.prepare(id, spec.parentChainID, { scratch: cs.home(id) });
    const upper = await snap.upper(id);
    const lowers = upper.lowers;
    rec.mounts = await resolveMounts(store.root, spec.mounts, spec.config, lowers);
    // The record committed above already says `mounts: []`.
    await durable;
    if (rec.mounts.length > 0) await cs.writeRecord(rec);
  } catch (e) {
    await destroyContainer(store, { ...rec, state: initialState() }, { volumes: true }).catch(() => {});
    throw e;
  }
  return rec;
}

/**
 * The container's /etc files (bind-mounted over the image's at each start), its bundle directory and its empty log.
 * Small files on the way to every start: written on this thread (a thread-pool trip costs more than each).
 */
function writeContainerFiles(cs: Store['containers'], spec: ContainerSpec): void {
  const { id } = spec;
  const net = spec.network === 'host' ? 'host' : 'private';
  const hostText = (path: string) => readTextOrNull(path) ?? '';
  writeFileSync(cs.file(id, 'hostname'), (spec.config.Hostname ?? id.slice(0, 12)) + '\n', { mode: 0o644 });
  writeFileSync(cs.file(id, 'hosts'), hostsFile(net, hostText('/etc/hosts'), spec.extraHosts), { mode: 0o644 });
  writeFileSync(cs.file(id, 'resolv.conf'), resolvConf(net, hostText('/etc/resolv.conf'), spec.dns), { mode: 0o644 });
  // No state file yet: a container without one reads as created (ContainerStore.readState).
  mkdirSync(cs.bundle(id), { recursive: true });
  if (spec.logConfig?.Type !== 'none') writeFileSync(cs.logPath(id), '', { mode: 0o640 });
}

/** HostConfig.Mounts: the `--mount` requests as Docker's mount.Mount. */
function mountSpecs(reqs: MountRequest[]): ContainerRecord['host']['mounts'] {
  const out = reqs
    .filter((m) => m.fromFlag === '--mount')
    .map((m) => ({
      Type: m.type,
      Source: m.type === 'bind' ? m.source : m.type === 'volume' ? m.name || undefined : undefined,
      Target: m.target,
      ReadOnly: m.type !== 'tmpfs' && m.readOnly ? true : undefined,
    }));
  return out.length ? out : null;
}

/** The container's mounts: the user's binds, volumes and tmpfs, then anonymous volumes for the image's VOLUMEs. */
async function resolveMounts(root: string, mounts: MountRequest[], config: ContainerConfig, lowers: string[]): Promise<MountPoint[]> {
  const out: MountPoint[] = [];
  for (const m of mounts) {
    if (m.type === 'bind') {
      // `-v` makes a missing host path a directory, as Docker does; an existing file is bound as it is.
      if (m.fromFlag === '-v') {
        await mkdir(m.source, { recursive: true, mode: 0o755 }).catch((e: NodeJS.ErrnoException) => {
          if (e.code !== 'EEXIST') throw e;
        });
      }
      out.push({
        type: 'bind',
        source: m.source,
        destination: m.target,
        rw: !m.readOnly,
        propagation: m.propagation ?? 'rprivate',
        mode: m.mode,
        spec: m.fromFlag === '-v' ? 'bind-flag' : 'mount-flag',
      });
    } else if (m.type === 'volume') {
      const anonymous = !m.name;
      const name = m.name || newVolumeName();
      const source = await ensureVolume(root, name, m.target, lowers, m.noCopy);
      const spec = m.fromFlag === '-v' ? 'bind-flag' : 'mount-flag';
      out.push({ type: 'volume', source, destination: m.target, rw: !m.readOnly, name, anonymous, mode: m.mode, spec });
    } else {
      const spec = m.fromFlag === '--tmpfs' ? 'tmpfs-flag' : 'mount-flag';
      out.push({ type: 'tmpfs', source: '', destination: m.target, rw: true, options: m.options, spec });
    }
  }
  for (const target of Object.keys(config.Volumes ?? {})) {
    const dest = clean(target);
    if (out.some((m) => m.destination === dest)) continue;
    const name = newVolumeName();
    const source = await ensureVolume(root, name, dest, lowers, false);
    out.push({ type: 'volume', source, destination: dest, rw: true, name, anonymous: true, mode: '', spec: 'image' });
  }
  return out;
}
