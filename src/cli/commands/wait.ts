// berth wait CONTAINER...: blocks until each container stops, then prints its exit code. The container's directory
// is watched, so the code is caught even when `--rm` removes the container right after recording it.

import { watch } from 'node:fs';
import type { Context } from '../context.js';
import { resolveContainer, noSuchContainer } from '../../container/resolve.js';
import type { ContainerStore } from '../../container/store.js';
import type { ContainerState } from '../../container/record.js';
import { reportError } from '../output/errors.js';

function waitStopped(cs: ContainerStore, id: string): Promise<ContainerState | null> {
  return new Promise((resolve) => {
    let last: ContainerState | null = null;
    let timer: NodeJS.Timeout | undefined;
    let delay = 10;
    const check = () => {
      const st = cs.readState(id);
      const gone = !cs.exists(id);
      if (!gone) last = st;
      if (gone || st.status !== 'running') {
        watcher.close();
        clearTimeout(timer);
        resolve(last && last.status !== 'running' ? last : null);
        return true;
      }
      return false;
    };
    const watcher = watch(cs.home(id), () => check());
    watcher.on('error', () => check());
    // The process can also end unobserved (its monitor killed): look again now and then.
    const poll = () => {
      if (check()) return;
      delay = Math.min(delay * 2, 250);
      timer = setTimeout(poll, delay);
    };
    poll();
  });
}

export async function run(ctx: Context, [names]: unknown[]): Promise<number> {
  const store = await ctx.openStore();
  let code = 0;
  for (const name of names as string[]) {
    try {
      const c = await resolveContainer(store, name).catch((e) => {
        // `run -d --rm` of a short command: gone before this asked, its code kept a while
        const kept = store.containers.removedExitCode(name);
        if (kept === null) throw e;
        return kept;
      });
      if (typeof c === 'number') {
        ctx.line(String(c));
        continue;
      }
      const st = await waitStopped(store.containers, c.id);
      const exitCode = st?.exitCode ?? store.containers.removedExitCode(c.id);
      if (exitCode === null || exitCode === undefined) throw noSuchContainer(name);
      ctx.line(String(exitCode));
    } catch (e) {
      code = reportError(e);
    }
  }
  return code;
}
