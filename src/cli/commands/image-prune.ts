// berth image prune [-a] [-f]: Docker's warning and [y/N] prompt, `Deleted Images:` and `Total reclaimed space:`.
import type { Context } from '../context.js';
import { pruneImages } from '../../image/prune.js';
import { BerthError } from '../../errors.js';
import { parsePruneFilters, passes, type PruneFilters } from '../prune-filters.js';
import type { Store } from '../../store/store.js';
import { confirmAndPrune, pruneSection, type PruneSection } from '../output/prune-section.js';

const WARNING_DANGLING = 'WARNING! This will remove all dangling images.\nAre you sure you want to continue?';
const WARNING_ALL = 'WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue?';

/** Removes dangling images (every unused one with `all`); the lines docker/cli prints for it, and the bytes. */
export async function pruneImagesSection(store: Store, all: boolean, filters: PruneFilters = { labels: [] }): Promise<PruneSection> {
  const filtered = filters.until !== undefined || filters.labels.length > 0;
  const match = (config: { created?: string; config?: { Labels?: Record<string, string> | null } }) =>
    passes(filters, config.config?.Labels, config.created ? Date.parse(config.created) : null);
  const { events, reclaimed } = await pruneImages(store, { all, match: filtered ? match : undefined });
  return pruneSection('Deleted Images:', events.map((e) => `${e.kind.toLowerCase()}: ${e.value}`), reclaimed);
}

export async function run(ctx: Context, _args: unknown[], opts: { all?: boolean; force?: boolean; filter?: string[] }): Promise<void> {
  // Docker's image prune also takes dangling=false, its spelling of -a
  const dangling = (opts.filter ?? []).filter((f) => f.startsWith('dangling='));
  for (const d of dangling) if (!['true', 'false', '1', '0'].includes(d.slice(9))) throw new BerthError('INVALID_ARGUMENT', `Invalid filter 'dangling=${d.slice(9)}'`);
  const all = !!opts.all || dangling.some((d) => d === 'dangling=false' || d === 'dangling=0');
  const filters = parsePruneFilters((opts.filter ?? []).filter((f) => !f.startsWith('dangling=')));
  await confirmAndPrune(ctx, !!opts.force, all ? WARNING_ALL : WARNING_DANGLING, async () => pruneImagesSection(await ctx.openStore(), all, filters));
}
