// berth container prune [-f]: Docker's warning and [y/N] prompt, then every stopped container goes;
// `Deleted Containers:` lists their IDs and `Total reclaimed space:` what their writable layers held. Leftovers of
// containers that are gone (container/orphans.ts) go too.

import type { Context } from '../context.js';
import { createSnapshotter } from '../../snapshot/index.js';
import { destroyContainer } from '../../container/remove.js';
import { listContainers } from '../../container/list.js';
import { sweepOrphans } from '../../container/orphans.js';
import { parsePruneFilters, passes, type PruneFilters } from '../prune-filters.js';
import type { Store } from '../../store/store.js';
import { confirmAndPrune, pruneSection, type PruneSection } from '../output/prune-section.js';

const WARNING = 'WARNING! This will remove all stopped containers.\nAre you sure you want to continue?';

/** Removes every stopped container (and what gone ones left); the lines docker/cli prints for it, and the bytes. */
export async function pruneContainersSection(store: Store, filters: PruneFilters = { labels: [] }): Promise<PruneSection> {
  const snap = createSnapshotter(store);
  const deleted: string[] = [];
  let reclaimed = 0;
  for (const c of await listContainers(store, { all: true })) {
    if (c.state.status === 'running') continue;
    if (!passes(filters, c.config.Labels, Date.parse(c.created))) continue;
    reclaimed += await snap.usage(c.id).catch(() => 0);
    await destroyContainer(store, c);
    deleted.push(c.id);
  }
  // and what a crash or a failed removal left of containers that are gone (not listed: they are no containers)
  reclaimed += await sweepOrphans(store);
  return pruneSection('Deleted Containers:', deleted, reclaimed);
}

export async function run(ctx: Context, _args: unknown[], opts: { force?: boolean; filter?: string[] }): Promise<void> {
  const filters = parsePruneFilters(opts.filter);
  await confirmAndPrune(ctx, !!opts.force, WARNING, async () => pruneContainersSection(await ctx.openStore(), filters));
}
