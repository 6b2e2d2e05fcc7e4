// `pause`/`unpause`: every process of a running container frozen through the OCI runtime (the cgroup freezer) and
// thawed again. The container stays running (Docker's State.Running with State.Paused); a paused one refuses exec and
// a second pause, and a SIGKILL sent to it thaws it so that it can die (see signal.ts).

import type { Store } from '../store/store.js';
import { BerthError } from '../errors.js';
import { assertRunning } from './liveness.js';
import { runtimeByName } from './runtime/detect.js';
import type { Container } from './record.js';

export async function pauseContainer(store: Store, c: Container): Promise<void> {
  assertRunning(c);
  if (c.state.paused) throw new BerthError('CONFLICT', `Container ${c.id} is already paused`);
  await runtimeByName(c.runtime, store.containers.runtimeRootOf(c.id)).pause(c.id);
  await store.containers.updateState(c.id, (st) => ({ ...st, paused: true }));
}

export async function unpauseContainer(store: Store, c: Container): Promise<void> {
  // Docker asks only whether it is paused (a stopped container is not).
  if (!c.state.paused) throw new BerthError('CONFLICT', `Container ${c.id} is not paused`);
  await runtimeByName(c.runtime, store.containers.runtimeRootOf(c.id)).resume(c.id);
  await store.containers.updateState(c.id, (st) => ({ ...st, paused: false }));
}

/** Thaws a paused container whose process was just sent SIGKILL (a frozen process can't die), as Docker does. */
export async function thawForKill(store: Store, c: Container): Promise<void> {
  if (!c.state.paused) return;
  await runtimeByName(c.runtime, store.containers.runtimeRootOf(c.id)).resume(c.id).catch(() => {});
  await store.containers.updateState(c.id, (st) => ({ ...st, paused: false }));
}
