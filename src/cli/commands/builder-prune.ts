// berth builder prune [-a] [-f]: Docker's prompt, `Deleted build cache objects:` and `Total reclaimed space:`.
import type { Context } from '../context.js';
import { pruneBuildCache } from '../../build/prune.js';
import { humanSize } from '../../format/units.js';
import { confirm } from '../output/prompt.js';
import { BerthError } from '../../errors.js';

export async function run(ctx: Context, _args: unknown[], opts: { all?: boolean; force?: boolean; filter?: string[] }): Promise<void> {
  if (opts.filter?.length) throw new BerthError('INVALID_ARGUMENT', `Invalid filter '${opts.filter[0].split('=')[0]}'`);
  const warning = opts.all ? 'WARNING! This will remove all build cache.' : 'WARNING! This will remove all dangling build cache.';
  if (!opts.force && !(await confirm(`${warning}\nAre you sure you want to continue?`))) return;
  const store = await ctx.openStore();
  const { removed, reclaimed } = await pruneBuildCache(store);
  if (removed.length) {
    ctx.line('Deleted build cache objects:');
    for (const id of removed) ctx.line(id.slice(7));
    ctx.line();
  }
  ctx.line(`Total reclaimed space: ${humanSize(reclaimed)}`);
}
