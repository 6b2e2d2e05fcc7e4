// The `--filter` values of the prune commands, as Docker's daemon reads them: `until=<time or duration>` (what was
// created before it) and `label=key[=value]` / `label!=key[=value]` (what has, or has not, that label).

import { BerthError } from '../errors.js';
import { dockerTimestamp } from '../format/docker-timestamp.js';
import { matchesLabel } from '../oci/labels.js';

export interface PruneFilters {
  /** Milliseconds since the epoch: only what was created before goes. */
  until?: number;
  /** `key` or `key=value`, and whether it is a `label!=` (what must not have it). */
  labels: { spec: string; not: boolean }[];
}

/** Parses `filters`, refusing a key not in `allowed` with Docker's `Invalid filter '<key>'`. */
export function parsePruneFilters(filters: readonly string[] = [], allowed: readonly string[] = ['until', 'label', 'label!'], now = Date.now()): PruneFilters {
  const out: PruneFilters = { labels: [] };
  for (const f of filters) {
    const eq = f.indexOf('=');
    const key = eq < 0 ? f : f.slice(0, eq);
    if (!allowed.includes(key)) throw new BerthError('INVALID_ARGUMENT', `Invalid filter '${key}'`);
    const value = eq < 0 ? '' : f.slice(eq + 1);
    if (key === 'until') {
      out.until = dockerTimestamp(value, now);
      continue;
    }
    out.labels.push({ spec: value, not: key === 'label!' });
  }
  return out;
}

/** Whether something with `labels`, made at `created` (ms; null: unknown), passes the filters. */
export function passes(f: PruneFilters, labels: Record<string, string> | null | undefined, created: number | null): boolean {
  if (f.until !== undefined && (created === null || created >= f.until)) return false;
  return f.labels.every((w) => matchesLabel(labels, w.spec) !== w.not);
}
