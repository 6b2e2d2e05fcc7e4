// berth system prune [-a] [--volumes] [-f] [--filter …]: docker/cli 20.10's composition of the pruners, in its order
// (stopped containers, then volumes with --volumes, then dangling or -a all unused images, then the build cache),
// after its warning listing what goes; `Total reclaimed space:` sums them. Declining prints nothing more, as there.
// `--filter until=…|label=…` goes to each pruner (volumes take labels only; the build cache, which has no labels,
// is left alone under a label filter).

import type { Context } from '../context.js';
import { writeSections } from '../output/prune-section.js';
import { confirm } from '../output/prompt.js';
import { parsePruneFilters } from '../prune-filters.js';
import { pruneContainersSection } from './container-prune.js';
import { pruneVolumesSection, volumeFilter } from './volume-prune.js';
import { pruneImagesSection } from './image-prune.js';
import { pruneBuildCacheSection } from './builder-prune.js';

export async function run(ctx: Context, _args: unknown[], opts: { all?: boolean; volumes?: boolean; force?: boolean; filter?: string[] }): Promise<number> {
  const filters = opts.filter ?? [];
  if (opts.volumes && filters.some((f) => f.startsWith('until='))) {
    // docker/cli's own check, printed bare
    process.stderr.write('ERROR: The "until" filter is not supported with "--volumes"\n');
    return 1;
  }
  const parsed = parsePruneFilters(filters);
  const warnings = [
    'all stopped containers',
    'all networks not used by at least one container',
    ...(opts.volumes ? ['all volumes not used by at least one container'] : []),
    opts.all ? 'all images without at least one container associated to them' : 'all dangling images',
    opts.all ? 'all build cache' : 'all dangling build cache',
  ];
  if (!opts.force && !(await confirm(`WARNING! This will remove:\n${warnings.map((w) => `  - ${w}\n`).join('')}\nAre you sure you want to continue?`))) return 0;
  const store = await ctx.openStore();
  const sections = [await pruneContainersSection(store, parsed)];
  if (opts.volumes) sections.push(await pruneVolumesSection(store, volumeFilter(filters)));
  sections.push(await pruneImagesSection(store, !!opts.all, parsed));
  // build cache has no labels: a label filter keeps all of it
  if (parsed.labels.length === 0) sections.push(await pruneBuildCacheSection(store, parsed.until));
  writeSections(ctx, sections);
  return 0;
}
