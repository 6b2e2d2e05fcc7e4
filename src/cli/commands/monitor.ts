// berth __monitor ID (hidden): the process that keeps a detached container (see container/monitor.ts).

import type { Context } from '../context.js';
import { resolveContainer } from '../../container/resolve.js';
import { runMonitor } from '../../container/monitor.js';

export async function run(ctx: Context, [id]: unknown[], opts: { holdStdin?: boolean }): Promise<number> {
  const store = await ctx.openStore();
  const c = await resolveContainer(store, id as string);
  return runMonitor(store, c, { holdStdin: !!opts.holdStdin });
}
