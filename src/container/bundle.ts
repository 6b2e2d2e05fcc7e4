// Writes a container's OCI bundle before each start: the root filesystem (the snapshotter's mount, done by the
// runtime inside the container's mount namespace when its options allow, so nothing stays mounted on the host),
// the user's mounts, the container's /etc files, and config.json from spec.ts.

import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { joinPath } from '../sys/join-path.js';
import { BerthError } from '../errors.js';
import type { Store } from '../store/store.js';
import type { Mount } from '../sys/mount.js';
import { createSnapshotter, type UpperDir } from '../snapshot/index.js';
import { buildSpec, DEFAULT_PATH, processEnv, type OciMount } from './spec.js';
import { processCapabilities } from './capabilities.js';
import { hostDevices } from './host-devices.js';
import { devicesFromMapping } from './user-devices.js';
import { resolveGroup, resolveUser } from './user.js';
import { readFromLayers } from './layer-lookup.js';
import { joinedNamespaces } from './join-namespaces.js';
import { seccompProfileOf } from './security-opts.js';
import { daemonSeccompProfile } from '../store/daemon-config.js';
import type { Container } from './record.js';

export interface PreparedBundle {
  dir: string;
  /** Set when the root filesystem had to be mounted here, on the host: unmount it after the container ends. */
  hostMount?: { mount: Mount; target: string };
}

const PAGE = 4096;

/** An overlay mount the runtime can do itself: absolute paths only (it has no cwd to resolve `l/…` against). */
function runtimeMountable(m: Mount): OciMount | null {
  if (m.type !== 'overlay') return null;
  const options = m.options.map((o) => {
    const eq = o.indexOf('=');
    if (eq < 0 || !m.cwd) return o;
    const key = o.slice(0, eq);
    if (key !== 'lowerdir' && key !== 'upperdir' && key !== 'workdir') return o;
    const paths = o.slice(eq + 1).split(':').map((p) => (isAbsolute(p) ? p : joinPath(m.cwd!, p)));
    return `${key}=${paths.join(':')}`;
  });
  if (options.join(',').length >= PAGE - 1) return null;
  return { destination: '/', type: 'overlay', source: 'overlay', options };
}

/**
 * The process's user as numeric IDs, from the container's own /etc/passwd and /etc/group, with `--group-add`'s. Read
 * from the writable layer and the image's layers: the init layer holds neither file, and the /etc it makes is never
 * opaque, so it changes nothing here; without it, and with the upper directory's root known not to be opaque, a
 * container that has not touched /etc is read without any xattr (the addon is not loaded on the way to a start).
 */
async function processUser(upper: UpperDir, user: string, groupAdd: readonly string[] = []) {
  const layers = upper.kind === 'overlay' ? [upper.path, ...upper.lowers.slice(1)] : [upper.path];
  const opts = { upperTop: upper.kind === 'overlay' };
  const [passwd, group] = await Promise.all([readFromLayers(layers, 'etc/passwd', opts), readFromLayers(layers, 'etc/group', opts)]);
  const u = resolveUser(user, passwd, group);
  for (const g of groupAdd) {
    const gid = resolveGroup(g, group);
    if (!u.additionalGids.includes(gid)) u.additionalGids.push(gid);
  }
  return u;
}

/**
 * `--device` nodes for the spec, resolved now (a missing one fails the start, as in Docker). Privileged containers
 * have the host's /dev already: only mappings to another path add a node, and every device is allowed anyway.
 */
function userDevices(c: Container): { devices: object[]; rules: object[] } | undefined {
  const mappings = c.host.devices ?? [];
  if (mappings.length === 0) return undefined;
  const devices: object[] = [];
  const rules: object[] = [];
  for (const m of mappings) {
    if (c.host.privileged && m.PathOnHost === m.PathInContainer) continue;
    const got = devicesFromMapping(c.host.privileged ? { ...m, CgroupPermissions: 'rwm' } : m);
    devices.push(...got.devices);
    rules.push(...got.rules);
  }
  return { devices, rules };
}

/** The init `--init` runs: Docker's `docker-init`, else Debian's static tini, from PATH. */
export function initBinary(): string {
  for (const name of ['docker-init', 'tini-static']) {
    for (const dir of (process.env.PATH || DEFAULT_PATH).split(':')) {
      if (dir && statSync(joinPath(dir, name), { throwIfNoEntry: false })?.isFile()) return joinPath(dir, name);
    }
  }
  throw new BerthError('FAILED_PRECONDITION', 'exec: "docker-init": executable file not found in $PATH');
}

export async function prepareBundle(store: Store, c: Container): Promise<PreparedBundle> {
  const cs = store.containers;
  const dir = cs.bundle(c.id);
  const snap = createSnapshotter(store);
  // A --rm container's writable layer is worthless after a crash of the machine: mounted without syncs.
  const [mounts, upper] = await Promise.all([snap.mounts(c.id, { volatile: c.host.autoRemove }), snap.upper(c.id)]);
  mkdirSync(joinPath(dir, 'rootfs'), { recursive: true });

  let rootfs: { mount: OciMount } | { path: string };
  let hostMount: PreparedBundle['hostMount'];
  const m = mounts[0];
  const direct = m ? runtimeMountable(m) : null;
  if (direct) rootfs = { mount: direct };
  else if (m && m.type === 'bind' && m.options.length <= 2) rootfs = { path: m.source };
  else {
    hostMount = { mount: m, target: joinPath(dir, 'rootfs') };
    rootfs = { path: joinPath(dir, 'rootfs') };
  }

  const u = await processUser(upper, c.config.User ?? '', c.host.groupAdd ?? []);
  const tty = !!c.config.Tty;
  const joined = await joinedNamespaces(store, c);
  // Another container's network comes with its hostname and /etc files, as Docker shares them.
  const netOwner = joined.network ?? c;
  const hostname = netOwner.config.Hostname ?? netOwner.id.slice(0, 12);
  const env = processEnv(c.config.Env ?? [], hostname, tty);

  const userMounts: OciMount[] = c.mounts.map((mp) => {
    if (mp.type === 'tmpfs') {
      return { destination: mp.destination, type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'nodev', 'noexec', ...(mp.options ?? [])] };
    }
    const opts = ['rbind', mp.propagation ?? 'rprivate'];
    if (!mp.rw) opts.push('ro');
    return { destination: mp.destination, type: 'bind', source: mp.source, options: opts };
  });
  const fileMount = (dest: string, name: 'resolv.conf' | 'hostname' | 'hosts'): OciMount => ({
    destination: dest,
    type: 'bind',
    source: cs.file(netOwner.id, name),
    options: ['rbind', 'rprivate'],
  });

  // --init: Docker's docker-init (tini), bound read-only at /sbin/docker-init, runs the command
  const init = c.host.init ? initBinary() : null;
  if (init) userMounts.push({ destination: '/sbin/docker-init', type: 'bind', source: init, options: ['bind', 'ro'] });
  const capabilities = processCapabilities(c.host);
  // --security-opt seccomp=<profile>, else daemon.json's seccomp-profile: filtered by the container's capabilities,
  // as Docker does (never when privileged)
  let profile = c.host.privileged ? null : seccompProfileOf(c.host.securityOpt);
  if (profile === undefined) profile = daemonSeccompProfile();
  const seccomp = profile == null ? undefined : ((await import('./seccomp.js')).seccompFromProfile(profile, capabilities) ?? undefined);
  const spec = buildSpec({
    args: init ? ['/sbin/docker-init', '--', c.path, ...c.args] : [c.path, ...c.args],
    env,
    cwd: c.config.WorkingDir || '/',
    user: { uid: u.uid, gid: u.gid, additionalGids: u.additionalGids },
    tty,
    hostname,
    rootfs,
    readonlyRootfs: c.host.readonlyRootfs,
    mounts: userMounts,
    files: [fileMount('/etc/resolv.conf', 'resolv.conf'), fileMount('/etc/hostname', 'hostname'), fileMount('/etc/hosts', 'hosts')],
    network: c.host.networkMode === 'host' ? 'host' : 'private',
    cgroupsPath: `berth/${c.id}`,
    capabilities,
    seccomp,
    privileged: c.host.privileged ? { devices: hostDevices() } : undefined,
    devices: userDevices(c),
    noNewPrivileges: !!c.host.noNewPrivileges,
    shmSize: c.host.shmSize,
    memory: c.host.memory,
    nanoCpus: c.host.nanoCpus,
    sysctls: c.host.sysctls ?? undefined,
    hostNamespaces: (['pid', 'ipc', 'uts'] as const).filter((n) => c.host[`${n}Mode`] === 'host'),
    joinNamespaces: joined.paths,
    ulimits: c.host.ulimits ?? undefined,
  });
  writeFileSync(joinPath(dir, 'config.json'), JSON.stringify(spec));
  return { dir, hostMount };
}

/** The user the container's process runs as (for exec with the container's defaults). */
export async function containerUser(store: Store, c: Container, user: string) {
  const upper = await createSnapshotter(store).upper(c.id);
  return processUser(upper, user, c.host.groupAdd ?? []);
}
