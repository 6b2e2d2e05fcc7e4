// berth stop [-t SECONDS] CONTAINER...: the image's stop signal (SIGTERM by default), SIGKILL after the grace
// period (10 s); prints each name as given. Stopping a stopped container is not an error.

import type { Context } from '../context.js';
import { resolveContainer } from '../../container/resolve.js';
import { killAndWait } from '../../container/signal.js';
import { reportError } from '../output/errors.js';

export async function run(ctx: Context, [names]: unknown[], opts: { time?: string }): Promise<number> {
  const store = await ctx.openStore();
  const seconds = opts.time === undefined ? 10 : Number(opts.time);
  let code = 0;
  for (const name of names as string[]) {
    try {
      const c = await resolveContainer(store, name);
      if (c.state.status === 'running') await killAndWait(store, c, c.config.StopSignal || 'SIGTERM', Math.max(0, seconds) * 1000);
      ctx.line(name);
    } catch (e) {
      code = reportError(e);
    }
  }
  return code;
}
