// berth volume prune [-f] [--filter label=…]: Docker 20.10's warning and [y/N] prompt, then every volume no
// container uses goes; `Deleted Volumes:` lists them and `Total reclaimed space:` what their data held.

import type { Context } from '../context.js';
import { pruneVolumes, type Volume } from '../../container/volume-store.js';
import type { Store } from '../../store/store.js';
import { confirmAndPrune, pruneSection, type PruneSection } from '../output/prune-section.js';
import { parsePruneFilters, passes } from '../prune-filters.js';

const WARNING = 'WARNING! This will remove all local volumes not used by at least one container.\nAre you sure you want to continue?';

/** volume prune's filters (`label=k[=v]`, `label!=k[=v]`; no `until`, as in Docker 20.10), as a test of a volume. */
export function volumeFilter(filters: readonly string[] = []): (v: Volume) => boolean {
  const f = parsePruneFilters(filters, ['label', 'label!']);
  return (v) => passes(f, v.labels, null);
}

/** Removes every volume no container uses (that `match` keeps); the lines docker/cli prints for it, and the bytes. */
export async function pruneVolumesSection(store: Store, match: (v: Volume) => boolean): Promise<PruneSection> {
  const { deleted, reclaimed } = await pruneVolumes(store, match);
  return pruneSection('Deleted Volumes:', deleted, reclaimed);
}

export async function run(ctx: Context, _args: unknown[], opts: { force?: boolean; filter?: string[] }): Promise<void> {
  const match = volumeFilter(opts.filter);
  await confirmAndPrune(ctx, !!opts.force, WARNING, async () => pruneVolumesSection(await ctx.openStore(), match));
}
