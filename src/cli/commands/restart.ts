// berth restart [-t SECONDS] CONTAINER...: stop (as `stop` does), then start detached; prints each name.

import type { Context } from '../context.js';
import { resolveContainer } from '../../container/resolve.js';
import { killAndWait } from '../../container/signal.js';
import { startDetached } from '../../container/monitor.js';
import { reportError } from '../output/errors.js';

export async function run(ctx: Context, [names]: unknown[], opts: { time?: string }): Promise<number> {
  const store = await ctx.openStore();
  const seconds = opts.time === undefined ? 10 : Number(opts.time);
  let code = 0;
  for (const name of names as string[]) {
    try {
      let c = await resolveContainer(store, name);
      if (c.state.status === 'running') {
        await killAndWait(store, c, c.config.StopSignal || 'SIGTERM', Math.max(0, seconds) * 1000);
        c = await resolveContainer(store, c.id);
      }
      await startDetached(store, c, { holdStdin: !!c.config.OpenStdin });
      ctx.line(name);
    } catch (e) {
      code = reportError(e);
    }
  }
  return code;
}
