// berth stop [-t SECONDS] CONTAINER...: the image's stop signal (SIGTERM by default), SIGKILL after the grace
// period (10 s); prints each name as given. Stopping a stopped container is not an error.

import type { Context } from '../context.js';
import type { Store } from '../../store/store.js';
import type { Container } from '../../container/record.js';
import { resolveContainer } from '../../container/resolve.js';
import { killAndWait } from '../../container/signal.js';
import { reportError } from '../output/errors.js';

/** Stops the container if it runs (`-t` as given, 10 s by default); returns it as it is afterwards. */
export async function stopContainer(store: Store, c: Container, time: string | undefined): Promise<Container> {
  const seconds = time === undefined ? null : Number(time);
  if (c.state.status !== 'running') {
    // between two runs under a restart policy: stopping it cancels the next one, as Docker's stop does
    if (c.host.restartPolicy) await store.containers.updateState(c.id, (st) => ({ ...st, stoppedByUser: true }));
    return c;
  }
  const wait = seconds ?? c.config.StopTimeout ?? 10;
  await killAndWait(store, c, c.config.StopSignal || 'SIGTERM', Math.max(0, wait) * 1000);
  return resolveContainer(store, c.id);
}

export async function run(ctx: Context, [names]: unknown[], opts: { time?: string }): Promise<number> {
  const store = await ctx.openStore();
  let code = 0;
  for (const name of names as string[]) {
    try {
      await stopContainer(store, await resolveContainer(store, name), opts.time);
      ctx.line(name);
    } catch (e) {
      code = reportError(e);
    }
  }
  return code;
}
