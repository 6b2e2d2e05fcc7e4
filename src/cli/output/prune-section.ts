// What one pruner adds to `… prune` and `system prune` output: docker/cli's lines for it (a heading, one line per
// thing removed, a blank line; none when nothing went) and the bytes it freed; and the writing of sections with
// their `Total reclaimed space:`.

import type { Context } from '../context.js';
import { humanSize } from '../../format/units.js';
import { confirm } from './prompt.js';

export interface PruneSection {
  lines: string[];
  reclaimed: number;
}

/** `heading` and `removed` as docker/cli prints a pruner's report: nothing at all when nothing went. */
export function pruneSection(heading: string, removed: readonly string[], reclaimed: number): PruneSection {
  return { lines: removed.length ? [heading, ...removed, ''] : [], reclaimed };
}

/** Prints the sections in order, then their total. */
export function writeSections(ctx: Context, sections: readonly PruneSection[]): void {
  let reclaimed = 0;
  for (const s of sections) {
    for (const l of s.lines) ctx.line(l);
    reclaimed += s.reclaimed;
  }
  ctx.line(`Total reclaimed space: ${humanSize(reclaimed)}`);
}

/**
 * One pruner's command (`container|image|volume prune`): docker/cli's warning and [y/N] prompt unless `force` (a
 * no prints a zero total), then what `prune` removes and its total.
 */
export async function confirmAndPrune(ctx: Context, force: boolean, warning: string, prune: () => Promise<PruneSection>): Promise<void> {
  if (!force && !(await confirm(warning))) {
    ctx.line('Total reclaimed space: 0B');
    return;
  }
  writeSections(ctx, [await prune()]);
}
