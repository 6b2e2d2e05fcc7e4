// Disk usage of containers and volumes as `system df` reports it: writable-layer bytes per container (reclaimable
// when it isn't running), and volumes (reclaimable when no container mounts them).

import type { Store } from '../store/store.js';
import type { Digest } from '../digest/digest.js';
import { createSnapshotter } from '../snapshot/index.js';
import { treeSize } from '../snapshot/writable.js';
import { listVolumes } from './volume-store.js';
import type { Container } from './record.js';

/** `ps -s` and `inspect -s`: the writable layer's bytes, and those plus the image's layers (Docker's SizeRootFs). */
export async function containerSizes(store: Store, c: Container): Promise<{ rw: number; rootFs: number }> {
  const rw = await createSnapshotter(store).usage(c.id).catch(() => 0);
  let rootFs = rw;
  const img = c.image ? await store.images.get(c.image) : null;
  for (const l of img?.layers ?? []) rootFs += (await store.layers.get(l))?.size ?? 0;
  return { rw, rootFs };
}

export interface ContainerUsage {
  container: Container;
  size: number;
}

export interface VolumeUsage {
  name: string;
  links: number;
  size: number;
}

export interface ContainersUsage {
  containers: ContainerUsage[];
  running: number;
  size: number;
  reclaimable: number;
  volumes: VolumeUsage[];
  activeVolumes: number;
  volumesSize: number;
  volumesReclaimable: number;
  /** How many containers use each image. */
  imageUsers: Map<Digest, number>;
}

export async function containersUsage(store: Store): Promise<ContainersUsage> {
  const snapshotter = createSnapshotter(store);
  const containers: ContainerUsage[] = [];
  const imageUsers = new Map<Digest, number>();
  const links = new Map<string, number>();
  let running = 0;
  let size = 0;
  let reclaimable = 0;
  for (const c of await store.containers.list()) {
    const s = await snapshotter.usage(c.id).catch(() => 0);
    containers.push({ container: c, size: s });
    size += s;
    if (c.state.status === 'running') running++;
    else reclaimable += s;
    imageUsers.set(c.image, (imageUsers.get(c.image) ?? 0) + 1);
    for (const m of c.mounts) if (m.type === 'volume' && m.name) links.set(m.name, (links.get(m.name) ?? 0) + 1);
  }
  const volumes: VolumeUsage[] = [];
  let volumesSize = 0;
  let volumesReclaimable = 0;
  for (const { name, mountpoint } of listVolumes(store.root)) {
    const v = { name, links: links.get(name) ?? 0, size: treeSize(mountpoint) };
    volumes.push(v);
    volumesSize += v.size;
    if (v.links === 0) volumesReclaimable += v.size;
  }
  return {
    containers,
    running,
    size,
    reclaimable,
    volumes,
    activeVolumes: volumes.filter((v) => v.links > 0).length,
    volumesSize,
    volumesReclaimable,
    imageUsers,
  };
}
