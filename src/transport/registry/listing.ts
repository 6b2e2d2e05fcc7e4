// Lists a registry holds: a repository's tags (`/v2/<name>/tags/list`) and the repositories of the registry
// (`/v2/_catalog`), both paginated through `Link: <…?n=&last=>; rel="next"` (distribution `docs/spec/api.md`
// "Listing Image Tags", "Catalog").

import { BerthError } from '../../errors.js';
import { readLimited } from './auth.js';
import { repoScope, type RegistryClient } from './client.js';
import { header } from './http.js';

const MAX_PAGE = 8 << 20;
const MAX_PAGES = 1000;

function nextLink(link: string | undefined, base: URL): URL | null {
  if (!link) return null;
  const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(link);
  return m ? new URL(m[1], base) : null;
}

async function pages<T>(client: RegistryClient, first: URL, scopes: string[], pick: (data: Record<string, unknown>) => T[]): Promise<T[]> {
  const out: T[] = [];
  let url: URL | null = first;
  for (let i = 0; url && i < MAX_PAGES; i++) {
    const res = await client.request('GET', url, { scopes });
    if (res.status !== 200) throw await client.failure(res);
    const text = await readLimited(res.body, MAX_PAGE);
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new BerthError('FAILED_PRECONDITION', `invalid JSON from ${url.pathname}`);
    }
    out.push(...pick(data));
    url = nextLink(header(res.headers, 'link'), url);
  }
  return out;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

/** Every tag of a repository, in the registry's order. */
export function listTags(client: RegistryClient, repo: string): Promise<string[]> {
  return pages(client, client.url(`/v2/${repo}/tags/list`), [repoScope(repo, 'pull')], (d) => strings(d.tags));
}

/** Every repository the registry lists in its catalog. */
export function listCatalog(client: RegistryClient, pageSize = 1000): Promise<string[]> {
  const url = client.url('/v2/_catalog');
  url.searchParams.set('n', String(pageSize));
  return pages(client, url, ['registry:catalog:*'], (d) => strings(d.repositories));
}
