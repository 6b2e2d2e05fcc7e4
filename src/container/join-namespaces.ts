// `--network container:<x>` and `--pid container:<x>`: a container that joins another's network or PID namespace, as
// Docker does. At create the other container is resolved to its full ID (what HostConfig keeps); at start it must be
// running, and the new container enters its namespaces through /proc/<pid>/ns/…. A network shared this way is the
// other container's entirely: its hostname and its /etc/hosts, /etc/hostname and /etc/resolv.conf files.

import type { Store } from '../store/store.js';
import { BerthError } from '../errors.js';
import { isRunning } from './liveness.js';
import { noSuchContainer, resolveContainer } from './resolve.js';
import type { Container } from './record.js';

const PREFIX = 'container:';

/** The other container's name or ID in a `container:<x>` mode, else null. */
export function joinedContainer(mode: string | undefined): string | null {
  return mode?.startsWith(PREFIX) ? mode.slice(PREFIX.length) : null;
}

/** `container:<x>` with x resolved to the full ID (Docker's `No such container: x` otherwise); other modes as they are. */
export async function resolveJoinMode<T extends string>(store: Store, mode: T): Promise<T> {
  const ref = joinedContainer(mode);
  if (ref === null) return mode;
  if (ref === '') throw new BerthError('INVALID_ARGUMENT', `invalid container name or ID: ${mode}`);
  return `${PREFIX}${(await resolveContainer(store, ref)).id}` as T;
}

export interface JoinedNamespaces {
  /** Namespace paths to enter, by OCI namespace type. */
  paths: { network?: string; pid?: string };
  /** The container whose network is shared: its hostname and /etc files are this one's. */
  network?: Container;
}

/** What the container joins, checked now (start): each other container must be running. */
export async function joinedNamespaces(store: Store, c: Container): Promise<JoinedNamespaces> {
  const out: JoinedNamespaces = { paths: {} };
  const running = async (id: string, notRunning: (id: string) => string): Promise<{ c: Container; pid: number }> => {
    const other = await store.containers.get(id);
    if (!other) throw noSuchContainer(id);
    if (!isRunning(other)) throw new BerthError('CONFLICT', notRunning(other.id));
    return { c: other, pid: other.state.pid };
  };
  const net = joinedContainer(c.host.networkMode);
  if (net !== null) {
    const { c: other, pid } = await running(net, (id) => `cannot join network of a non running container: ${id}`);
    out.paths.network = `/proc/${pid}/ns/net`;
    out.network = other;
  }
  const pidMode = joinedContainer(c.host.pidMode);
  if (pidMode !== null) {
    const { pid } = await running(pidMode, (id) => `container ${id} is not running`);
    out.paths.pid = `/proc/${pid}/ns/pid`;
  }
  return out;
}
