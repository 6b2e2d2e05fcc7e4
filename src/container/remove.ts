// Removing a container: stop it if forced, then its runtime state, writable layer, anonymous volumes (with -v),
// files and name. Docker's refusal to remove a running container without force.

import type { Store } from '../store/store.js';
import { BerthError } from '../errors.js';
import { createSnapshotter } from '../snapshot/index.js';
import { runtimeByName } from './runtime/detect.js';
import { killAndWait } from './signal.js';
import type { Container } from './record.js';

export interface RemoveOptions {
  force?: boolean;
  /** Also remove the container's anonymous volumes (`rm -v`, and `--rm`). */
  volumes?: boolean;
  /** Leave the runtime's state alone: its foreground process is still tearing the container down. */
  keepRuntimeState?: boolean;
}

export async function removeContainer(store: Store, c: Container, opts: RemoveOptions = {}): Promise<void> {
  if (c.state.status === 'running') {
    if (!opts.force) {
      throw new BerthError(
        'CONFLICT',
        `You cannot remove a running container ${c.id}. Stop the container before attempting removal or force remove`,
      );
    }
    await killAndWait(store, c, 'SIGKILL', 10_000);
  }
  await destroyContainer(store, c, opts);
}

/**
 * Deletes everything the container owns; the caller made sure it isn't running. Safe to repeat. Takes the store's
 * exclusive lock for anonymous volumes: never call it holding that lock.
 */
export async function destroyContainer(store: Store, c: Container, opts: RemoveOptions = {}): Promise<void> {
  const cs = store.containers;
  if (!opts.keepRuntimeState) {
    try {
      await runtimeByName(c.runtime, cs.runtimeRootOf(c.id)).delete(c.id, true);
    } catch {
      // The runtime may be gone; its state directory then goes with the store.
    }
  }
  await createSnapshotter(store).remove(c.id);
  const anonymous = opts.volumes ? c.mounts.filter((m) => m.type === 'volume' && m.anonymous && m.name).map((m) => m.name!) : [];
  // as Docker's: one another container uses (`-v <its name>:/path`) stays
  if (anonymous.length) await (await import('./volume-store.js')).removeOwnVolumes(store, anonymous, c.id);
  await cs.removeFiles(c.id);
  if (c.name) await cs.releaseName(c.name, c.id);
}
