// What containers leave behind without being containers any more: a directory without a readable record (a crash
// of the machine while a `--rm` container's unsynced record was new, a crash mid-create, a removal that failed after
// the record went) and a writable layer whose container has no record. `container prune` sweeps them, holding the
// store's exclusive lock: a container being made gets its record under that lock before its writable layer exists,
// so under it a directory or a layer without a record belongs to no container that is being made.

import { existsSync } from 'node:fs';
import { joinPath } from '../sys/join-path.js';
import type { Store } from '../store/store.js';
import { createSnapshotter } from '../snapshot/index.js';
import { RUNTIMES } from './runtime/detect.js';

/** Removes the leftovers; returns the bytes their writable layers held. Takes the store's exclusive lock. */
export async function sweepOrphans(store: Store): Promise<number> {
  return store.lock.withExclusive(async () => {
    const cs = store.containers;
    const snap = createSnapshotter(store);
    // A runtime that still has state for the ID may be running it: left alone.
    const inRuntime = (id: string) => RUNTIMES.some((r) => existsSync(joinPath(cs.runtimeRootOf(id), r, id)));
    let reclaimed = 0;
    const dropLayer = async (key: string) => {
      reclaimed += await snap.usage(key).catch(() => 0);
      await snap.remove(key);
    };
    const layers = new Set(await snap.list());
    for (const id of await cs.ids()) {
      if ((await cs.getRecord(id)) || inRuntime(id)) continue;
      if (layers.delete(id)) await dropLayer(id);
      await cs.removeFiles(id);
    }
    // the snapshotters list containers' 64-hex keys only
    for (const key of layers) if (!cs.exists(key) && !inRuntime(key)) await dropLayer(key);
    return reclaimed;
  });
}
