// berth image prune [-a] [-f]: Docker's warning and [y/N] prompt, `Deleted Images:` and `Total reclaimed space:`.
import type { Context } from '../context.js';
import { pruneImages } from '../../image/prune.js';
import { humanSize } from '../../format/units.js';
import { confirm } from '../output/prompt.js';
import { BerthError } from '../../errors.js';
import type { Store } from '../../store/store.js';
import type { PruneSection } from '../output/prune-section.js';

const WARNING_DANGLING = 'WARNING! This will remove all dangling images.\nAre you sure you want to continue?';
const WARNING_ALL = 'WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue?';

/** Removes dangling images (every unused one with `all`); the lines docker/cli prints for it, and the bytes. */
export async function pruneImagesSection(store: Store, all: boolean): Promise<PruneSection> {
  const { events, reclaimed } = await pruneImages(store, { all });
  return { lines: events.length ? ['Deleted Images:', ...events.map((e) => `${e.kind.toLowerCase()}: ${e.value}`), ''] : [], reclaimed };
}

export async function run(ctx: Context, _args: unknown[], opts: { all?: boolean; force?: boolean; filter?: string[] }): Promise<void> {
  if (opts.filter?.length) throw new BerthError('INVALID_ARGUMENT', `Invalid filter '${opts.filter[0].split('=')[0]}'`);
  if (!opts.force && !(await confirm(opts.all ? WARNING_ALL : WARNING_DANGLING))) {
    ctx.line('Total reclaimed space: 0B');
    return;
  }
  const { lines, reclaimed } = await pruneImagesSection(await ctx.openStore(), !!opts.all);
  for (const l of lines) ctx.line(l);
  ctx.line(`Total reclaimed space: ${humanSize(reclaimed)}`);
}
