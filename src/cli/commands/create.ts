// berth create IMAGE [COMMAND] [ARG...]: a container ready to start; prints its full ID.
import type { Context } from '../context.js';
import { reportError } from '../output/errors.js';
import type { CreateFlags } from '../container-options.js';
import { createFromFlags, reportRunError } from './run.js';
import { ClientSideError } from '../../errors.js';

export async function run(ctx: Context, args: unknown[], flags: CreateFlags): Promise<number> {
  try {
    const store = await ctx.openStore();
    const rec = await createFromFlags(ctx, store, args, flags, false);
    ctx.line(rec.id);
    return 0;
  } catch (e) {
    // What Docker's CLI finds itself reads as for `run` (exit 125); unlike `run`, `create` exits 1 when the daemon refuses.
    if (e instanceof ClientSideError) {
      reportRunError(e, true, 'create');
      return 125;
    }
    return reportError(e);
  }
}
