// The `--filter` values of the prune commands, as Docker's daemon reads them: `until=<time or duration>` (what was
// created before it) and `label=key[=value]` / `label!=key[=value]` (what has, or has not, that label).

import { BerthError } from '../errors.js';
import { dockerTimestamp } from '../format/docker-timestamp.js';

export interface PruneFilters {
  /** Milliseconds since the epoch: only what was created before goes. */
  until?: number;
  labels: { key: string; value?: string; not: boolean }[];
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
    const e2 = value.indexOf('=');
    out.labels.push({ key: e2 < 0 ? value : value.slice(0, e2), value: e2 < 0 ? undefined : value.slice(e2 + 1), not: key === 'label!' });
  }
  return out;
}

/** Whether something with `labels`, made at `created` (ms; null: unknown), passes the filters. */
export function passes(f: PruneFilters, labels: Record<string, string> | null | undefined, created: number | null): boolean {
  if (f.until !== undefined && (created === null || created >= f.until)) return false;
  return f.labels.every((w) => {
    const has = !!labels && w.key in labels && (w.value === undefined || labels[w.key] === w.value);
    return w.not ? !has : has;
  });
}
