// How `ps` describes a container's state: `Up 19 minutes`, `Exited (0) 3 seconds ago`, `Created` (docker/cli's
// container formatter over the daemon's State.String()).

import { humanDuration } from '../format/units.js';
import type { ContainerState } from './record.js';
import { timeMs } from './time.js';

export function statusText(st: ContainerState, now = Date.now()): string {
  if (st.status === 'running') {
    const started = timeMs(st.startedAt);
    return `Up ${humanDuration(Math.max(0, now - (Number.isNaN(started) ? now : started)))}`;
  }
  if (st.status === 'exited') {
    const finished = timeMs(st.finishedAt);
    if (Number.isNaN(finished)) return `Exited (${st.exitCode})`;
    return `Exited (${st.exitCode}) ${humanDuration(Math.max(0, now - finished))} ago`;
  }
  return 'Created';
}
