// berth kill [-s SIGNAL] CONTAINER...: signals the container's process (SIGKILL by default); prints each name.

import type { Context } from '../context.js';
import { resolveContainer } from '../../container/resolve.js';
import { parseSignal, signalContainer, waitGone, recordIfUnwatched } from '../../container/signal.js';
import { reportError } from '../output/errors.js';
import { thawForKill } from '../../container/pause.js';
import { BerthError } from '../../errors.js';

export async function run(ctx: Context, [names]: unknown[], opts: { signal?: string }): Promise<number> {
  const store = await ctx.openStore();
  const sig = parseSignal(opts.signal ?? 'KILL');
  let code = 0;
  for (const name of names as string[]) {
    try {
      const c = await resolveContainer(store, name);
      try {
        signalContainer(c, sig);
      } catch (e) {
        throw new BerthError('CONFLICT', `Cannot kill container: ${name}: ${(e as Error).message}`);
      }
      if (sig === 9) {
        await thawForKill(store, c);
        if (await waitGone(c, 5000)) await recordIfUnwatched(store, c, sig);
      }
      ctx.line(name);
    } catch (e) {
      code = reportError(e);
    }
  }
  return code;
}
