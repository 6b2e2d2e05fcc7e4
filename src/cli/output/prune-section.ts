// What one pruner adds to `… prune` and `system prune` output: docker/cli's lines for it (a heading, one line per
// thing removed, a blank line; none when nothing went) and the bytes it freed.

export interface PruneSection {
  lines: string[];
  reclaimed: number;
}
