// berth container prune [-f]: Docker's warning and [y/N] prompt, then every stopped container goes;
// `Deleted Containers:` lists their IDs and `Total reclaimed space:` what their writable layers held. Leftovers of
// containers that are gone (container/orphans.ts) go too.

import type { Context } from '../context.js';
import { humanSize } from '../../format/units.js';
import { confirm } from '../output/prompt.js';
import { createSnapshotter } from '../../snapshot/index.js';
import { destroyContainer } from '../../container/remove.js';
import { listContainers } from '../../container/list.js';
import { sweepOrphans } from '../../container/orphans.js';
import { BerthError } from '../../errors.js';
import type { Store } from '../../store/store.js';
import type { PruneSection } from '../output/prune-section.js';

const WARNING = 'WARNING! This will remove all stopped containers.\nAre you sure you want to continue?';

/** container prune's filters, checked as Docker's daemon checks them. */
export function checkContainerPruneFilters(filters: readonly string[] = []): void {
  for (const f of filters) {
    const key = f.split('=')[0];
    if (key !== 'label' && key !== 'label!' && key !== 'until') throw new BerthError('INVALID_ARGUMENT', `Invalid filter '${key}'`);
  }
}

/** Removes every stopped container (and what gone ones left); the lines docker/cli prints for it, and the bytes. */
export async function pruneContainersSection(store: Store, filters: readonly string[] = []): Promise<PruneSection> {
  const snap = createSnapshotter(store);
  const labelFilters = filters.filter((f) => f.startsWith('label='));
  const until = filters.find((f) => f.startsWith('until='))?.slice(6);
  const deleted: string[] = [];
  let reclaimed = 0;
  for (const c of await listContainers(store, { all: true, filters: labelFilters })) {
    if (c.state.status === 'running') continue;
    if (until && Date.parse(c.created) >= (/^\d+$/.test(until) ? Number(until) * 1000 : Date.parse(until))) continue;
    reclaimed += await snap.usage(c.id).catch(() => 0);
    await destroyContainer(store, c);
    deleted.push(c.id);
  }
  // and what a crash or a failed removal left of containers that are gone (not listed: they are no containers)
  reclaimed += await sweepOrphans(store);
  return { lines: deleted.length ? ['Deleted Containers:', ...deleted, ''] : [], reclaimed };
}

export async function run(ctx: Context, _args: unknown[], opts: { force?: boolean; filter?: string[] }): Promise<void> {
  checkContainerPruneFilters(opts.filter);
  if (!opts.force && !(await confirm(WARNING))) {
    ctx.line('Total reclaimed space: 0B');
    return;
  }
  const { lines, reclaimed } = await pruneContainersSection(await ctx.openStore(), opts.filter);
  for (const l of lines) ctx.line(l);
  ctx.line(`Total reclaimed space: ${humanSize(reclaimed)}`);
}
