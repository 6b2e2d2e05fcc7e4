// `ps`: containers newest first, filtered as Docker filters them (id, name, status, exited, ancestor, label,
// before, since, volume), and the row fields docker/cli's container formatter offers to templates.

import type { Store } from '../store/store.js';
import { matchesLabel } from '../oci/labels.js';
import { BerthError } from '../errors.js';
import { ellipsis } from '../format/ellipsis.js';
import { goString } from '../format/go-json.js';
import { ago } from '../format/units.js';
import { goTimeString } from '../format/go-time.js';
import { findImage } from '../image/resolve.js';
import type { Container } from './record.js';
import { stateName, statusText } from './status.js';
import { timeMs } from './time.js';
import { findContainer } from './resolve.js';

const FILTER_KEYS = new Set(['id', 'name', 'status', 'exited', 'ancestor', 'label', 'before', 'since', 'volume']);
const STATUSES = new Set(['created', 'restarting', 'running', 'removing', 'paused', 'exited', 'dead']);

export interface ListOptions {
  all?: boolean;
  filters?: string[];
  /** `-n`: the last N created containers (any state). */
  last?: number;
  latest?: boolean;
}

function parseFilters(filters: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of filters) {
    const eq = f.indexOf('=');
    if (eq < 0) throw new BerthError('INVALID_ARGUMENT', `bad format of filter (expected name=value)`);
    const key = f.slice(0, eq).toLowerCase();
    if (!FILTER_KEYS.has(key)) throw new BerthError('INVALID_ARGUMENT', `Invalid filter '${key}'`);
    const v = f.slice(eq + 1);
    if (key === 'status' && !STATUSES.has(v)) throw new BerthError('INVALID_ARGUMENT', `Invalid filter 'status=${v}'`);
    if (key === 'exited' && !/^-?\d+$/.test(v)) throw new BerthError('INVALID_ARGUMENT', `Invalid filter 'exited=${v}'`);
    out.set(key, [...(out.get(key) ?? []), v]);
  }
  return out;
}

const createdMs = (c: Container) => timeMs(c.created);

export async function listContainers(store: Store, opts: ListOptions = {}): Promise<Container[]> {
  const filters = parseFilters(opts.filters ?? []);
  let all = (await store.containers.list()).sort((a, b) => createdMs(b) - createdMs(a) || (a.id < b.id ? -1 : 1));
  const limit = opts.latest ? 1 : (opts.last ?? -1);
  const showAll = opts.all || limit > 0 || filters.has('status') || filters.has('exited');

  let before = Infinity;
  let since = -Infinity;
  for (const v of filters.get('before') ?? []) {
    const c = await findContainer(store.containers, v);
    if (!c) throw new BerthError('NOT_FOUND', `No such container: ${v}`);
    before = Math.min(before, createdMs(c));
  }
  for (const v of filters.get('since') ?? []) {
    const c = await findContainer(store.containers, v);
    if (!c) throw new BerthError('NOT_FOUND', `No such container: ${v}`);
    since = Math.max(since, createdMs(c));
  }
  const ancestors: string[] = [];
  for (const v of filters.get('ancestor') ?? []) {
    const hit = await findImage(store, v).catch(() => null);
    if (hit) ancestors.push(hit.id);
  }

  const any = <T>(key: string, test: (v: string) => T) => !filters.has(key) || filters.get(key)!.some((v) => test(v));
  all = all.filter((c) => {
    if (!showAll && c.state.status !== 'running') return false;
    if (!any('id', (v) => c.id.startsWith(v))) return false;
    // Docker's names start with a slash, which a pattern may name.
    if (!any('name', (v) => new RegExp(v).test(`/${c.name}`))) return false;
    if (!any('status', (v) => stateName(c.state) === v)) return false;
    if (!any('exited', (v) => c.state.status === 'exited' && c.state.exitCode === Number(v))) return false;
    if (filters.has('ancestor') && !ancestors.includes(c.image)) return false;
    if (
      !any('label', (v) => matchesLabel(c.config.Labels, v))
    )
      return false;
    if (!any('volume', (v) => c.mounts.some((m) => m.name === v || m.destination === v || m.source === v))) return false;
    const t = createdMs(c);
    return t < before && t > since;
  });
  return limit > 0 ? all.slice(0, limit) : all;
}

/** The image column: the name the user gave, unless that name now means another image (then the short ID). */
async function imageColumn(store: Store, c: Container, noTrunc: boolean): Promise<string> {
  const name = c.config.Image ?? '';
  const short = c.image.slice(7, 19);
  // docker/cli: an image given by its full ID (a build step's container) shows truncated like any ID.
  if (!noTrunc && name && name.replace(/^[^:]*:/, '').slice(0, 12) === short) return short;
  const hit = name ? await findImage(store, name).catch(() => null) : null;
  if (hit && hit.id === c.image) return name;
  if (name && name.replace(/^sha256:/, '') !== '' && c.image.slice(7).startsWith(name.replace(/^sha256:/, ''))) return name;
  if (!c.image) return '<no image>';
  return noTrunc ? c.image : short;
}

/** The daemon's Command: Path, then Args with those holding a space in single quotes (moby daemon/list.go). */
export function commandLine(c: { path: string; args: string[] }): string {
  if (c.args.length === 0) return c.path;
  return `${c.path} ${c.args.map((a) => (a.includes(' ') ? `'${a}'` : a)).join(' ')}`;
}

/** docker/cli's COMMAND column: the command line truncated to 20 columns (unless --no-trunc), strconv.Quote'd. */
export function commandColumn(c: Container, noTrunc: boolean): string {
  let cmd = commandLine(c);
  if (!noTrunc) cmd = ellipsis(cmd, 20);
  return goString(cmd, false);
}

export interface PsRow {
  ID: string;
  Image: string;
  Command: string;
  CreatedAt: string;
  RunningFor: string;
  Ports: string;
  State: string;
  Status: string;
  Size: string;
  Names: string;
  Labels: string;
  Mounts: string;
  Networks: string;
  LocalVolumes: string;
}

export async function psRow(store: Store, c: Container, opts: { noTrunc: boolean; size?: string }, now = Date.now()): Promise<PsRow> {
  const created = createdMs(c);
  const labels = c.config.Labels ?? {};
  return {
    ID: opts.noTrunc ? c.id : c.id.slice(0, 12),
    Image: await imageColumn(store, c, opts.noTrunc),
    Command: commandColumn(c, opts.noTrunc),
    CreatedAt: goTimeString(Math.floor(created / 1000)),
    RunningFor: ago(created, now),
    Ports: '',
    State: stateName(c.state),
    Status: statusText(c.state, now),
    Size: opts.size ?? '0B',
    Names: c.name,
    Labels: Object.keys(labels)
      .sort()
      .map((k) => `${k}=${labels[k]}`)
      .join(','),
    Mounts: c.mounts.map((m) => (m.type === 'volume' ? (opts.noTrunc ? m.name! : ellipsis(m.name!, 15)) : m.source)).join(','),
    Networks: c.host.networkMode === 'default' ? 'bridge' : c.host.networkMode.startsWith('container:') ? '' : c.host.networkMode,
    LocalVolumes: String(c.mounts.filter((m) => m.type === 'volume').length),
  };
}
