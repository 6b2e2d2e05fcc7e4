// berth search [--limit N] [-f is-official|is-automated|stars=…] [--no-trunc] [--format T] TERM: Docker Hub's search
// API, or `/v2/_catalog` of a registry that has no search API (the Distribution registry); Docker 20.10's table
// NAME DESCRIPTION STARS OFFICIAL AUTOMATED, filters applied as its daemon applies them.

import type { Context } from '../context.js';
import { BerthError } from '../../errors.js';
import { ellipsis } from '../../format/ellipsis.js';
import { formatterRow } from '../../format/go-json.js';
import { RegistrySession } from '../../transport/registry/session.js';
import { DOCKER_HUB_DOMAIN, DOCKER_HUB_INDEX, registryEndpoint } from '../../transport/registry/endpoints.js';
import { searchCatalog, searchV1, type SearchResult } from '../../transport/registry/search.js';
import { formatRows } from '../output/format.js';
import { UsageError } from '../output/errors.js';
import { DAEMON_PREFIX, reportDaemonError } from '../output/daemon-errors.js';

const HEADERS = { Name: 'NAME', Description: 'DESCRIPTION', StarCount: 'STARS', IsOfficial: 'OFFICIAL', IsAutomated: 'AUTOMATED' };
const DEFAULT_FORMAT = 'table {{.Name}}\t{{.Description}}\t{{.StarCount}}\t{{.IsOfficial}}\t{{.IsAutomated}}';
const FILTER_KEYS = new Set(['is-automated', 'is-official', 'stars']);

interface SearchFlags {
  filter?: string[];
  format?: string;
  limit?: string;
  trunc?: boolean;
}

/** registry.splitReposSearchTerm: `host/term` searches that registry, anything else Docker Hub. */
function splitTerm(term: string): { domain: string; remote: string } {
  const slash = term.indexOf('/');
  const first = slash < 0 ? '' : term.slice(0, slash);
  if (slash < 0 || (!first.includes('.') && !first.includes(':') && first !== 'localhost')) {
    return { domain: DOCKER_HUB_DOMAIN, remote: term.replace(/^library\//, '') };
  }
  return { domain: first, remote: term.slice(slash + 1) };
}

interface Filters {
  automated?: boolean;
  official?: boolean;
  stars: number;
}

/** The daemon's SearchRegistryForImages checks: known keys, true/false values, integer star counts. */
function parseFilters(args: string[]): Filters {
  const byKey = new Map<string, string[]>();
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq < 0) throw new UsageError(`invalid argument "${a}" for "-f, --filter" flag: bad format of filter (expected name=value)`, 'berth search');
    const k = a.slice(0, eq).trim().toLowerCase();
    byKey.set(k, [...(byKey.get(k) ?? []), a.slice(eq + 1).trim()]);
  }
  for (const k of byKey.keys()) if (!FILTER_KEYS.has(k)) throw new BerthError('INVALID_ARGUMENT', `Invalid filter '${k}'`);
  const bool = (k: string): boolean | undefined => {
    const v = byKey.get(k);
    if (!v) return undefined;
    if (v.length === 1 && (v[0] === 'true' || v[0] === 'false')) return v[0] === 'true';
    throw new BerthError('INVALID_ARGUMENT', `Invalid filter '${k}=[${v.join(' ')}]'`);
  };
  let stars = 0;
  for (const s of byKey.get('stars') ?? []) {
    if (!/^[+-]?\d+$/.test(s)) throw new BerthError('INVALID_ARGUMENT', `Invalid filter 'stars=${s}'`);
    stars = Math.max(stars, Number(s));
  }
  return { automated: bool('is-automated'), official: bool('is-official'), stars };
}

function templateRow(r: SearchResult, trunc: boolean) {
  const yes = (v: boolean) => (v ? '[OK]' : '');
  const description = r.description.replace(/[\n\r]/g, ' ');
  const fields = {
    Name: r.name,
    Description: trunc ? ellipsis(description, 45) : description,
    StarCount: String(r.star_count),
    IsOfficial: yes(r.is_official),
    IsAutomated: yes(r.is_automated),
  };
  const json = { ...fields, IsOfficial: String(r.is_official), IsAutomated: String(r.is_automated) };
  return formatterRow(fields, json);
}

export async function run(ctx: Context, [term]: unknown[], opts: SearchFlags): Promise<number | void> {
  const limitText = opts.limit ?? '25';
  if (!/^[+-]?\d+$/.test(limitText)) {
    throw new UsageError(`invalid argument "${limitText}" for "--limit" flag: strconv.ParseInt: parsing "${limitText}": invalid syntax`, 'berth search');
  }
  const limit = Number(limitText);
  try {
    const filters = parseFilters(opts.filter ?? []);
    if (limit < 1 || limit > 100) throw new BerthError('INVALID_ARGUMENT', `Limit ${limit} is outside the range of [1, 100]`);
    const { domain, remote } = splitTerm(term as string);
    await using session = await RegistrySession.open();
    let results: SearchResult[] | null;
    if (domain === DOCKER_HUB_DOMAIN) {
      results = await searchV1(session.transport, new URL(DOCKER_HUB_INDEX), remote, limit);
    } else {
      const ep = await registryEndpoint(domain, session.config);
      results = null;
      let reached = false;
      let last: unknown;
      for (const base of ep.bases) {
        try {
          results = await searchV1(session.transport, base, remote, limit, { insecureTLS: ep.insecureTLS });
          reached = true;
          break;
        } catch (e) {
          last = e;
        }
      }
      if (!reached) throw last;
      results ??= await searchCatalog(await session.client(domain), domain, remote, limit);
    }
    if (results === null) throw new BerthError('NOT_FOUND', 'Unexpected status code 404');
    const shown = results.filter(
      (r) =>
        (filters.automated === undefined || r.is_automated === filters.automated) &&
        (filters.official === undefined || r.is_official === filters.official) &&
        r.star_count >= filters.stars,
    );
    const format = !opts.format || opts.format === 'table' ? DEFAULT_FORMAT : opts.format;
    ctx.out(formatRows(format, shown.map((r) => templateRow(r, opts.trunc !== false)), HEADERS));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    return reportDaemonError(e, DAEMON_PREFIX, ctx.opts.debug);
  }
}
