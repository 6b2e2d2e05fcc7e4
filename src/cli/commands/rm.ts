// berth rm [-f] [-v] CONTAINER...: prints each name as given; a failure for one doesn't stop the others.

import type { Context } from '../context.js';
import { resolveContainer } from '../../container/resolve.js';
import { removeContainer } from '../../container/remove.js';
import { reportError } from '../output/errors.js';

export async function run(ctx: Context, [names]: unknown[], opts: { force?: boolean; volumes?: boolean }): Promise<number> {
  const store = await ctx.openStore();
  let code = 0;
  for (const name of names as string[]) {
    try {
      const c = await resolveContainer(store, name);
      await removeContainer(store, c, { force: opts.force, volumes: opts.volumes });
      ctx.line(name);
    } catch (e) {
      code = reportError(e);
    }
  }
  return code;
}
