// berth builder prune [-a] [-f]: Docker's prompt, `Deleted build cache objects:` and `Total reclaimed space:`.
import type { Context } from '../context.js';
import { pruneBuildCache } from '../../build/prune.js';
import { confirm } from '../output/prompt.js';
import { parsePruneFilters } from '../prune-filters.js';
import type { Store } from '../../store/store.js';
import { pruneSection, writeSections, type PruneSection } from '../output/prune-section.js';

/** Removes the build cache; the lines docker/cli prints for it, and the bytes. */
export async function pruneBuildCacheSection(store: Store, until?: number): Promise<PruneSection> {
  const { removed, reclaimed } = await pruneBuildCache(store, { until });
  return pruneSection('Deleted build cache objects:', removed.map((id) => id.slice(7)), reclaimed);
}

export async function run(ctx: Context, _args: unknown[], opts: { all?: boolean; force?: boolean; filter?: string[] }): Promise<void> {
  const { until } = parsePruneFilters(opts.filter, ['until']);
  const warning = opts.all ? 'WARNING! This will remove all build cache.' : 'WARNING! This will remove all dangling build cache.';
  if (!opts.force && !(await confirm(`${warning}\nAre you sure you want to continue?`))) return;
  writeSections(ctx, [await pruneBuildCacheSection(await ctx.openStore(), until)]);
}
