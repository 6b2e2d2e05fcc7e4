// The merged root filesystem of a container for `cp`: a running container's is reached through its init process
// (/proc/<pid>/root, volumes included); a stopped one's is mounted read-write for the duration of the call under
// the container's directory and unmounted afterwards.

import { mkdir, rm } from 'node:fs/promises';
import { joinPath } from '../sys/join-path.js';
import type { Store } from '../store/store.js';
import { createSnapshotter } from '../snapshot/index.js';
import { mount, umount } from '../sys/mount.js';
import { isRunning } from './liveness.js';
import type { Container } from './record.js';

export async function withContainerRoot<T>(store: Store, c: Container, fn: (root: string) => Promise<T>): Promise<T> {
  if (isRunning(c)) return fn(`/proc/${c.state.pid}/root`);
  const [m] = await createSnapshotter(store).mounts(c.id);
  if (m.type === 'bind') return fn(m.source);
  const target = joinPath(store.containers.home(c.id), 'cp-root');
  await mkdir(target, { recursive: true });
  await mount(m, target);
  try {
    return await fn(target);
  } finally {
    await umount(target).catch(() => umount(target, { lazy: true }));
    await rm(target, { recursive: true, force: true }).catch(() => {});
  }
}
