// `search` against a registry: Docker Hub's search API (`GET /v1/search?q=&n=`, results with name, description,
// star_count, is_official, is_automated), and for a registry that answers that with 404 (the Distribution
// registry) its `/v2/_catalog`, filtered by the term.

import { BerthError } from '../../errors.js';
import { readLimited } from './auth.js';
import type { RegistryClient } from './client.js';
import { listCatalog } from './listing.js';
import { registryError } from './errors.js';
import type { HttpTransport } from './http.js';

export interface SearchResult {
  name: string;
  description: string;
  star_count: number;
  is_official: boolean;
  is_automated: boolean;
}

const MAX_RESULTS_BODY = 8 << 20;

function result(v: unknown): SearchResult | null {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  if (typeof o.name !== 'string') return null;
  return {
    name: o.name,
    description: typeof o.description === 'string' ? o.description : '',
    star_count: typeof o.star_count === 'number' ? o.star_count : 0,
    is_official: o.is_official === true,
    is_automated: o.is_automated === true,
  };
}

/** Docker Hub's (v1) search: null when the registry has no such API (404). */
export async function searchV1(
  transport: HttpTransport,
  base: URL,
  term: string,
  limit: number,
  opts: { insecureTLS?: boolean; authorization?: string | null } = {},
): Promise<SearchResult[] | null> {
  const url = new URL('/v1/search', base);
  url.searchParams.set('q', term);
  url.searchParams.set('n', String(limit));
  const headers: Record<string, string> = {};
  if (opts.authorization) headers.authorization = opts.authorization;
  const res = await transport.send({ method: 'GET', url, headers, insecureTLS: opts.insecureTLS });
  const text = await readLimited(res.body, MAX_RESULTS_BODY);
  if (res.status === 404) return null;
  if (res.status !== 200) {
    const err = registryError(res.status, text);
    throw new BerthError(err.code, err.errors.length ? err.message : `Unexpected status code ${res.status}`);
  }
  let data: { results?: unknown };
  try {
    data = JSON.parse(text) as { results?: unknown };
  } catch {
    throw new BerthError('FAILED_PRECONDITION', 'invalid search results: not JSON');
  }
  return (Array.isArray(data.results) ? data.results : []).map(result).filter((r): r is SearchResult => r !== null).slice(0, limit);
}

/** The catalog's repositories whose name contains `term`, as search results named `<registry>/<repository>`. */
export async function searchCatalog(client: RegistryClient, domain: string, term: string, limit: number): Promise<SearchResult[]> {
  const repos = await listCatalog(client);
  const t = term.toLowerCase();
  return repos
    .filter((r) => r.toLowerCase().includes(t))
    .slice(0, limit)
    .map((r) => ({ name: `${domain}/${r}`, description: '', star_count: 0, is_official: false, is_automated: false }));
}
