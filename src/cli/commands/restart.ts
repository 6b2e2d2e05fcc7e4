// berth restart [-t SECONDS] CONTAINER...: stop (as `stop` does), then start detached; prints each name.

import type { Context } from '../context.js';
import { startDetached } from '../../container/monitor.js';
import { reportError } from '../output/errors.js';
import { resolveContainer } from '../../container/resolve.js';
import { stopContainer } from './stop.js';

export async function run(ctx: Context, [names]: unknown[], opts: { time?: string }): Promise<number> {
  const store = await ctx.openStore();
  let code = 0;
  for (const name of names as string[]) {
    try {
      // A --rm container stays for its next start (its watcher sees it end and must not remove it), as in Docker.
      const found = await resolveContainer(store, name);
      await store.containers.updateState(found.id, (st) => ({ ...st, restarting: true }));
      const c = await stopContainer(store, found, opts.time);
      await startDetached(store, c, { holdStdin: !!c.config.OpenStdin });
      ctx.line(name);
    } catch (e) {
      code = reportError(e);
    }
  }
  return code;
}
