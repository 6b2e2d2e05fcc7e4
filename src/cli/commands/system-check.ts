// berth system check [--verify]: the store's invariants; exit 1 and one line per problem when any fails.
import type { Context } from '../context.js';
import { checkStore } from '../../store/check.js';

export async function run(ctx: Context, _args: unknown[], opts: { verify?: boolean }): Promise<number> {
  const r = await checkStore(await ctx.openStore(), { verify: opts.verify });
  for (const p of r.problems) ctx.stderr.write(`${p}\n`);
  const summary = `${r.images} images, ${r.layers} layers, ${r.blobs} blobs`;
  if (r.problems.length) {
    ctx.stderr.write(`store ${ctx.opts.root}: ${r.problems.length} problem${r.problems.length > 1 ? 's' : ''} (${summary})\n`);
    return 1;
  }
  ctx.line(`store ${ctx.opts.root}: OK (${summary}${opts.verify ? ', all content rehashed' : ''})`);
  return 0;
}
