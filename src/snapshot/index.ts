// The storage driver a store uses (overlay unless the store was opened with `--storage-driver vfs`), and the
// container filesystem reads built on it: `diff` (changes) and `export` (the merged tree as a tar).

import type { Readable } from 'node:stream';
import { layerChanges, type Change } from '../layer/changes.js';
import { OverlaySnapshotter } from './overlay.js';
import { VfsSnapshotter } from './vfs.js';
import type { SnapshotStore, Snapshotter } from './snapshotter.js';
import { isDir } from './writable.js';

export type { Snapshotter, SnapshotStore, UpperDir, PrepareOptions, Mount } from './snapshotter.js';
export { MAX_LAYER_DEPTH } from './snapshotter.js';
export type { Change } from '../layer/changes.js';

export function createSnapshotter(store: SnapshotStore): Snapshotter {
  return store.driver === 'vfs' ? new VfsSnapshotter(store) : new OverlaySnapshotter(store);
}

/** Keys of the writable layers of both drivers (GC and `system check` must not mistake them for leftovers). */
export async function allWritableLayers(store: SnapshotStore): Promise<{ driver: 'overlay' | 'vfs'; key: string }[]> {
  const [o, v] = await Promise.all([new OverlaySnapshotter(store).list(), new VfsSnapshotter(store).list()]);
  return [...o.map((key) => ({ driver: 'overlay' as const, key })), ...v.map((key) => ({ driver: 'vfs' as const, key }))];
}

/** What is wrong with a writable layer (its image layers gone, its links broken), or null. */
export async function checkWritableLayer(store: SnapshotStore, w: { driver: 'overlay' | 'vfs'; key: string }): Promise<string | null> {
  const snap = w.driver === 'vfs' ? new VfsSnapshotter(store) : new OverlaySnapshotter(store);
  try {
    const upper = await snap.upper(w.key);
    for (const dir of upper.lowers) {
      if (!(await isDir(dir))) return `writable layer ${w.key} (${w.driver}): layer directory ${dir} is missing`;
    }
    return null;
  } catch (e) {
    return `writable layer ${w.key} (${w.driver}): ${(e as Error).message}`;
  }
}

/** What `docker diff` prints for the container whose writable layer is `key`, in Docker's order. */
export async function containerChanges(store: SnapshotStore, key: string): Promise<Change[]> {
  return layerChanges(await createSnapshotter(store).upper(key));
}

/**
 * The container's whole filesystem as a tar stream (`docker export`), read from the layer directories without
 * mounting: the writable layer, the init layer and the image, merged as overlayfs merges them.
 */
export async function exportContainer(store: SnapshotStore, key: string): Promise<Readable> {
  const upper = await createSnapshotter(store).upper(key);
  // Loaded here: the tar writer has no business on the paths that only create, run and remove containers.
  const { mergedTar } = await import('../layer/merged-tar.js');
  return mergedTar(upper.kind === 'overlay' ? [upper.path, ...upper.lowers] : [upper.path]);
}
