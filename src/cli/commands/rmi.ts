// berth rmi IMAGE...: Docker's `Untagged:` / `Deleted:` lines; a failure for one image doesn't stop the others.
import type { Context } from '../context.js';
import { removeImage } from '../../image/remove.js';
import { reportError } from '../output/errors.js';

export async function run(ctx: Context, [images]: unknown[], opts: { force?: boolean; prune?: boolean }): Promise<number> {
  const store = await ctx.openStore();
  let code = 0;
  for (const name of images as string[]) {
    try {
      for (const e of await removeImage(store, name, { force: opts.force, noPrune: opts.prune === false }))
        ctx.line(`${e.kind}: ${e.value}`);
    } catch (e) {
      code = reportError(e);
    }
  }
  return code;
}
