// How `ps` describes a container's state: `Up 19 minutes`, `Exited (0) 3 seconds ago`, `Created` (docker/cli's
// container formatter over the daemon's State.String()).

import { humanDuration } from '../format/units.js';
import type { ContainerState } from './record.js';
import { timeMs } from './time.js';

/** Docker's State.Status: `paused` for a paused running container. */
export function stateName(st: ContainerState): string {
  return st.status === 'running' && st.paused ? 'paused' : st.status;
}

export function statusText(st: ContainerState, now = Date.now()): string {
  if (st.status === 'running') {
    const started = timeMs(st.startedAt);
    const up = `Up ${humanDuration(Math.max(0, now - (Number.isNaN(started) ? now : started)))}`;
    return st.paused ? `${up} (Paused)` : up;
  }
  if (st.status === 'exited') {
    const finished = timeMs(st.finishedAt);
    if (Number.isNaN(finished)) return `Exited (${st.exitCode})`;
    return `Exited (${st.exitCode}) ${humanDuration(Math.max(0, now - finished))} ago`;
  }
  return 'Created';
}
