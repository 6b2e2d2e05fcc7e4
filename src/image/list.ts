// The rows of `images`: one per tag (or one `<none>` row for an untagged image), newest first, with Docker's
// filters (dangling, reference, before, since, label) and the [REPOSITORY[:TAG]] argument.

import type { Store } from '../store/store.js';
import { matchesLabel } from '../oci/labels.js';
import type { Digest } from '../digest/digest.js';
import { BerthError } from '../errors.js';
import { parseNormalizedNamed } from '../reference/normalize.js';
import type { Reference } from '../reference/reference.js';
import { pathMatch } from '../reference/match.js';
import { resolveImage } from './resolve.js';
import { imageSize } from './size.js';
import type { ImageRecord } from './store.js';

export interface ImageRow {
  id: Digest;
  repository: string;
  tag: string;
  digest: string;
  created: Date | null;
  size: number;
  labels: Record<string, string>;
}

export interface ListOptions {
  all?: boolean;
  filters?: string[];
  repository?: string;
  /** One row per tag and digest (`--digests`). */
  digests?: boolean;
}

interface Loaded {
  rec: ImageRecord;
  created: Date | null;
  labels: Record<string, string>;
  refs: Reference[];
}

function parseFilters(filters: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of filters) {
    const i = f.indexOf('=');
    if (i <= 0) throw new BerthError('INVALID_ARGUMENT', `bad format of filter (expected name=value)`);
    const k = f.slice(0, i).toLowerCase();
    if (!['dangling', 'reference', 'before', 'since', 'label'].includes(k))
      throw new BerthError('INVALID_ARGUMENT', `Invalid filter '${f.slice(0, i)}'`);
    out.set(k, [...(out.get(k) ?? []), f.slice(i + 1)]);
  }
  return out;
}

export async function listImages(store: Store, opts: ListOptions = {}): Promise<ImageRow[]> {
  const filters = parseFilters(opts.filters ?? []);
  const tags = await store.images.tags();
  const records = await store.images.list();
  const parents = new Set(records.map((r) => r.parent).filter(Boolean));
  const loaded: Loaded[] = [];
  for (const rec of records) {
    const config = JSON.parse((await store.content.read(rec.id)).toString('utf8'));
    const created = config.created ? new Date(config.created) : null;
    const refs = Object.keys(tags)
      .filter((t) => tags[t] === rec.id)
      .map((t) => parseNormalizedNamed(t));
    loaded.push({ rec, created: created && created.getTime() > 0 - 62135596800000 ? created : null, labels: config.config?.Labels ?? {}, refs });
  }
  const dangling = filters.get('dangling')?.[0];
  if (dangling !== undefined && !['true', 'false', '1', '0'].includes(dangling))
    throw new BerthError('INVALID_ARGUMENT', `Invalid filter 'dangling=${dangling}'`);
  const boundary = async (name: string) => {
    const v = filters.get(name)?.[0];
    if (!v) return undefined;
    const { id } = await resolveImage(store, v);
    return loaded.find((l) => l.rec.id === id)?.created?.getTime() ?? 0;
  };
  const before = await boundary('before');
  const since = await boundary('since');
  let repoFilter: Reference | undefined;
  if (opts.repository) repoFilter = parseNormalizedNamed(opts.repository);

  const rows: ImageRow[] = [];
  loaded.sort((a, b) => (b.created?.getTime() ?? 0) - (a.created?.getTime() ?? 0));
  for (const l of loaded) {
    const t = l.created?.getTime() ?? 0;
    if (before !== undefined && t >= before) continue;
    if (since !== undefined && t <= since) continue;
    if (!(filters.get('label') ?? []).every((s) => matchesLabel(l.labels, s))) continue;
    const isDangling = l.refs.length === 0;
    if (dangling === 'true' || dangling === '1') {
      if (!isDangling) continue;
    } else if (dangling === 'false' || dangling === '0') {
      if (isDangling) continue;
    }
    if (isDangling && !opts.all && parents.has(l.rec.id) && dangling === undefined) continue;
    let refs = l.refs;
    const patterns = filters.get('reference');
    if (patterns) {
      refs = refs.filter((r) =>
        patterns.some((p) => pathMatch(p, r.familiarName) || pathMatch(p, r.familiar())),
      );
      if (refs.length === 0) continue;
    }
    if (repoFilter) {
      refs = refs.filter((r) => r.name === repoFilter!.name && (!repoFilter!.tag || r.tag === repoFilter!.tag));
      if (refs.length === 0) continue;
    }
    const size = await imageSize(store, l.rec);
    const base = { id: l.rec.id, created: l.created, size, labels: l.labels };
    if (refs.length === 0 && l.rec.repoDigests.length === 0) {
      rows.push({ ...base, repository: '<none>', tag: '<none>', digest: '<none>' });
      continue;
    }
    // docker/cli imageFormatTaggedAndDigest: a row per tag (per tag and digest with --digests), then rows for
    // repositories known only by digest.
    const digests = new Map<string, string[]>();
    for (const d of l.rec.repoDigests) {
      const at = d.indexOf('@');
      const repo = parseNormalizedNamed(d.slice(0, at)).familiarName;
      digests.set(repo, [...(digests.get(repo) ?? []), d.slice(at + 1)]);
    }
    const tagRows = new Map<string, string[]>();
    for (const r of refs.sort((a, b) => a.familiar().localeCompare(b.familiar())))
      tagRows.set(r.familiarName, [...(tagRows.get(r.familiarName) ?? []), r.tag ?? '<none>']);
    for (const [repo, tags] of tagRows) {
      const ds = opts.digests ? (digests.get(repo) ?? []) : [];
      digests.delete(repo);
      for (const tag of tags) {
        if (ds.length === 0) rows.push({ ...base, repository: repo, tag, digest: '<none>' });
        for (const d of ds) rows.push({ ...base, repository: repo, tag, digest: d });
      }
    }
    if (patterns || repoFilter) continue;
    for (const [repo, ds] of digests) {
      if (opts.digests) for (const d of ds) rows.push({ ...base, repository: repo, tag: '<none>', digest: d });
      else rows.push({ ...base, repository: repo, tag: '<none>', digest: '' });
    }
  }
  return rows;
}
