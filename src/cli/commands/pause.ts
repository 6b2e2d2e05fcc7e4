// berth pause CONTAINER... / berth unpause CONTAINER...: freezes or thaws every process of each container; prints
// each name as given, Docker's error for each that can't be (not running, already paused, not paused), exit 1 then.

import type { Context } from '../context.js';
import { resolveContainer } from '../../container/resolve.js';
import { pauseContainer, unpauseContainer } from '../../container/pause.js';
import { reportError } from '../output/errors.js';

async function each(ctx: Context, names: string[], act: typeof pauseContainer): Promise<number> {
  const store = await ctx.openStore();
  let code = 0;
  for (const name of names) {
    try {
      await act(store, await resolveContainer(store, name));
      ctx.line(name);
    } catch (e) {
      code = reportError(e);
    }
  }
  return code;
}

export function run(ctx: Context, [names]: unknown[]): Promise<number> {
  return each(ctx, names as string[], pauseContainer);
}

export function runUnpause(ctx: Context, [names]: unknown[]): Promise<number> {
  return each(ctx, names as string[], unpauseContainer);
}
