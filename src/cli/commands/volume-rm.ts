// berth volume rm [-f] VOLUME...: prints each name removed; a volume in use or missing is an error for that one
// only (exit 1), and -f passes over missing ones, as Docker's does.

import type { Context } from '../context.js';
import { removeVolumes } from '../../container/volume-store.js';
import { reportError } from '../output/errors.js';

export async function run(ctx: Context, [names]: unknown[], opts: { force?: boolean }): Promise<number> {
  const store = await ctx.openStore();
  const list = names as string[];
  const results = await removeVolumes(store, list, !!opts.force);
  let code = 0;
  results.forEach((e, i) => {
    if (e) code = reportError(e);
    else ctx.line(list[i]);
  });
  return code;
}
