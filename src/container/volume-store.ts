// The `volume` commands' view of <root>/volumes: list, inspect, create, remove and prune, as Docker's local driver
// and volume service do them. A volume is <root>/volumes/<name>/_data; one made by `volume create` also has
// <root>/volumes/<name>/meta.json (its labels and options; a volume a container made has neither, which Docker shows
// as null); it was created when its directory was (Docker reads the same mtime). A
// volume is in use while any container (whatever its state) mounts it or, not made yet, names it in its -v or
// --mount. Removals run under the store's exclusive lock, which a create holds while it writes the record that
// names its volumes: a volume is never removed from under a container that is being made. A volume goes by one
// rename into a staging area, which is then deleted (or swept when the store next opens, after a crash).

import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import type { Store } from '../store/store.js';
import { BerthError } from '../errors.js';
import { joinPath } from '../sys/join-path.js';
import { writeFileAtomicSync } from '../content/atomic-file.js';
import { treeSize } from '../snapshot/writable.js';
import { newVolumeName, volumeData, volumesDir } from './volumes.js';
import { isVolumeName } from './options.js';
import type { ContainerRecord } from './record.js';
import { formatRFC3339, goTimeFromDate, localOffsetSeconds } from '../format/go-time.js';

export interface Volume {
  name: string;
  /** The volume's data directory (Docker's Mountpoint). */
  mountpoint: string;
  created: Date;
  /** null for a volume a container made (Docker's nil map). */
  labels: Record<string, string> | null;
  options: Record<string, string> | null;
}

export interface CreateVolumeOptions {
  /** None: a random 64-hex name, as Docker gives an anonymous volume. */
  name?: string;
  /** Only Docker's `local`. */
  driver?: string;
  labels?: Record<string, string>;
  /** The local driver's mount options (type, device, o): refused, berth mounts no volume. */
  options?: Record<string, string>;
}

const META = 'meta.json';
/** Keys Docker's local driver knows (anything else is its `invalid option`). */
const LOCAL_OPTIONS = new Set(['type', 'device', 'o', 'size']);

/** The local driver's checks of a new volume's name, in its words. */
function checkNewName(name: string): void {
  if (isVolumeName(name)) return;
  if (/^[a-zA-Z0-9]$/.test(name)) {
    throw new BerthError('INVALID_ARGUMENT', `create ${name}: volume name is too short, names should be at least two alphanumeric characters`);
  }
  throw new BerthError(
    'INVALID_ARGUMENT',
    `create ${name}: "${name}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`,
  );
}

/** The volume, or null when there is none by that name. */
export function getVolume(root: string, name: string): Volume | null {
  if (!isVolumeName(name)) return null;
  const dir = joinPath(volumesDir(root), name);
  const st = statSync(dir, { throwIfNoEntry: false });
  const data = volumeData(root, name);
  if (!st?.isDirectory() || !statSync(data, { throwIfNoEntry: false })?.isDirectory()) return null;
  let meta: { Labels?: unknown } | null = null;
  try {
    meta = JSON.parse(readFileSync(joinPath(dir, META), 'utf8'));
  } catch {
    // a volume a container made
  }
  const labels = meta?.Labels && typeof meta.Labels === 'object' && !Array.isArray(meta.Labels) ? (meta.Labels as Record<string, string>) : {};
  return { name, mountpoint: data, created: st.mtime, labels: meta ? labels : null, options: meta ? {} : null };
}

/** Docker's types.Volume for a local volume. */
export function volumeView(v: Volume): Record<string, unknown> {
  const seconds = Math.floor(v.created.getTime() / 1000);
  return {
    CreatedAt: formatRFC3339(goTimeFromDate(v.created, localOffsetSeconds(seconds))),
    Driver: 'local',
    Labels: v.labels,
    Mountpoint: v.mountpoint,
    Name: v.name,
    Options: v.options,
    Scope: 'local',
  };
}

/** Every volume, by name. */
export function listVolumes(root: string): Volume[] {
  let names: string[];
  try {
    names = readdirSync(volumesDir(root));
  } catch {
    return [];
  }
  return names
    .sort()
    .map((n) => getVolume(root, n))
    .filter((v): v is Volume => v !== null);
}

/** The volumes each container would mount: what it mounts, or (its mounts not made yet) names in -v and --mount. */
function volumesOf(c: ContainerRecord): string[] {
  const names = c.mounts.filter((m) => m.type === 'volume' && m.name).map((m) => m.name!);
  for (const b of c.host.binds ?? []) {
    const src = b.split(':')[0];
    if (isVolumeName(src)) names.push(src);
  }
  for (const m of c.host.mounts ?? []) if (m.Type === 'volume' && m.Source) names.push(m.Source);
  return names;
}

/** Volume name → the IDs of the containers that use it. */
export async function volumeUsers(store: Store): Promise<Map<string, string[]>> {
  const users = new Map<string, string[]>();
  for (const c of await store.containers.list()) {
    for (const name of new Set(volumesOf(c))) users.set(name, [...(users.get(name) ?? []), c.id]);
  }
  return users;
}

/** Makes a volume (or finds the one of that name, left as it is, as Docker does); returns its name. */
export async function createVolume(store: Store, o: CreateVolumeOptions = {}): Promise<string> {
  const name = o.name || newVolumeName();
  const driver = o.driver || 'local';
  if (driver !== 'local') throw new BerthError('NOT_FOUND', `create ${name}: error looking up volume plugin ${driver}: plugin "${driver}" not found`);
  checkNewName(name);
  const keys = Object.keys(o.options ?? {});
  const unknown = keys.find((k) => !LOCAL_OPTIONS.has(k));
  if (unknown !== undefined) throw new BerthError('INVALID_ARGUMENT', `create ${name}: invalid option: ${JSON.stringify(unknown)}`);
  if (keys.length) throw new BerthError('FAILED_PRECONDITION', `create ${name}: volume options (${keys.join(', ')}) are not supported by berth: it mounts no volume`);
  return store.lock.withExclusive(async () => {
    if (getVolume(store.root, name)) return name;
    const dir = joinPath(volumesDir(store.root), name);
    mkdirSync(dir, { recursive: true, mode: 0o701 });
    writeFileAtomicSync(joinPath(dir, META), JSON.stringify({ Labels: o.labels ?? {} }));
    // _data last: a volume is there once it has one
    mkdirSync(volumeData(store.root, name), { recursive: true, mode: 0o755 });
    return name;
  });
}

/** Moves volume directories into a staging area, under the lock already held, and deletes them there. */
async function retire(store: Store, names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  await using staging = await store.staging();
  for (const name of names) renameSync(joinPath(volumesDir(store.root), name), await staging.subdir('volume-'));
}

/**
 * Removes the volumes among `names` that no container but `owner` uses (a removed container's anonymous volumes),
 * under the store lock, which a create holds while it writes the record that names its volumes: the caller must not
 * hold it.
 */
export async function removeOwnVolumes(store: Store, names: readonly string[], owner: string): Promise<void> {
  await store.lock.withExclusive(async () => {
    const users = await volumeUsers(store);
    await retire(
      store,
      // a directory a crash left without _data goes too
      names.filter((n) => isVolumeName(n) && existsSync(joinPath(volumesDir(store.root), n)) && !users.get(n)?.some((id) => id !== owner)),
    );
  });
}

/**
 * Removes volumes, each independently (Docker's errors: no such volume, in use); `force` ignores missing ones.
 * Returns one result per name, in order: null when it went (or was missing, forced), else the error.
 */
export async function removeVolumes(store: Store, names: readonly string[], force = false): Promise<(BerthError | null)[]> {
  return store.lock.withExclusive(async () => {
    const users = await volumeUsers(store);
    const results: (BerthError | null)[] = [];
    const gone: string[] = [];
    for (const name of names) {
      try {
        if (!getVolume(store.root, name)) {
          if (force) {
            results.push(null);
            continue;
          }
          throw new BerthError('NOT_FOUND', `No such volume: ${name}`);
        }
        const ids = users.get(name);
        if (ids?.length) throw new BerthError('CONFLICT', `remove ${name}: volume is in use - [${ids.join(' ')}]`);
        if (!gone.includes(name)) gone.push(name);
        results.push(null);
      } catch (e) {
        if (!(e instanceof BerthError)) throw e;
        results.push(e);
      }
    }
    await retire(store, gone);
    return results;
  });
}

/** Removes every volume no container uses (and that has every `label` given); returns their names and bytes. */
export async function pruneVolumes(store: Store, match: (v: Volume) => boolean = () => true): Promise<{ deleted: string[]; reclaimed: number }> {
  return store.lock.withExclusive(async () => {
    const users = await volumeUsers(store);
    const unused = listVolumes(store.root).filter((v) => !users.get(v.name)?.length && match(v));
    let reclaimed = 0;
    for (const v of unused) reclaimed += treeSize(v.mountpoint);
    await retire(
      store,
      unused.map((v) => v.name),
    );
    return { deleted: unused.map((v) => v.name), reclaimed };
  });
}
