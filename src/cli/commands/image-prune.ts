// berth image prune [-a] [-f]: Docker's warning and [y/N] prompt, `Deleted Images:` and `Total reclaimed space:`.
import type { Context } from '../context.js';
import { pruneImages } from '../../image/prune.js';
import { humanSize } from '../../format/units.js';
import { confirm } from '../output/prompt.js';
import { BerthError } from '../../errors.js';

const WARNING_DANGLING = 'WARNING! This will remove all dangling images.\nAre you sure you want to continue?';
const WARNING_ALL = 'WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue?';

export async function run(ctx: Context, _args: unknown[], opts: { all?: boolean; force?: boolean; filter?: string[] }): Promise<void> {
  if (opts.filter?.length) throw new BerthError('INVALID_ARGUMENT', `Invalid filter '${opts.filter[0].split('=')[0]}'`);
  if (!opts.force && !(await confirm(opts.all ? WARNING_ALL : WARNING_DANGLING))) {
    ctx.line('Total reclaimed space: 0B');
    return;
  }
  const store = await ctx.openStore();
  const { events, reclaimed } = await pruneImages(store, { all: opts.all });
  if (events.length) {
    ctx.line('Deleted Images:');
    for (const e of events) ctx.line(`${e.kind.toLowerCase()}: ${e.value}`);
    ctx.line();
  }
  ctx.line(`Total reclaimed space: ${humanSize(reclaimed)}`);
}
