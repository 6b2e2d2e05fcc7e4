// berth volume ls [-q] [--filter …] [--format …]: Docker's table (DRIVER, VOLUME NAME), by name; filters dangling,
// driver, label and name as Docker's volume service applies them.

import type { Context } from '../context.js';
import { listVolumes, volumeUsers, type Volume } from '../../container/volume-store.js';
import { formatterRow } from '../../format/go-json.js';
import { goStruct } from '../../format/go-value.js';
import { formatRows } from '../output/format.js';
import { BerthError } from '../../errors.js';
import { goBool } from '../../format/go-bool.js';
import { matchesLabel } from '../../oci/labels.js';

const HEADERS = { Name: 'VOLUME NAME', Driver: 'DRIVER', Scope: 'SCOPE', Mountpoint: 'MOUNTPOINT', Labels: 'LABELS', Links: 'LINKS', Size: 'SIZE' };

const labelText = (labels: Record<string, string> | null) =>
  Object.keys(labels ?? {})
    .sort()
    .map((k) => `${k}=${labels![k]}`)
    .join(',');

/** The fields docker/cli's volumeContext offers to templates (`{{.Label "k"}}` too). */
function templateRow(v: Volume) {
  const fields = { Driver: 'local', Labels: labelText(v.labels), Links: 'N/A', Mountpoint: v.mountpoint, Name: v.name, Scope: 'local', Size: 'N/A' };
  return goStruct('*formatter.volumeContext', { ...formatterRow(fields), Label: (k: string) => v.labels?.[k] ?? '' });
}

function nameMatches(pattern: string, name: string): boolean {
  try {
    return new RegExp(pattern).test(name);
  } catch {
    return name.includes(pattern);
  }
}

export async function run(ctx: Context, _args: unknown[], opts: { filter?: string[]; format?: string; quiet?: boolean }): Promise<void> {
  const filters = new Map<string, string[]>();
  for (const f of opts.filter ?? []) {
    const eq = f.indexOf('=');
    if (eq < 0) throw new BerthError('INVALID_ARGUMENT', 'bad format of filter (expected name=value)');
    const key = f.slice(0, eq).trim().toLowerCase();
    if (!['dangling', 'driver', 'label', 'name'].includes(key)) throw new BerthError('INVALID_ARGUMENT', `Invalid filter '${key}'`);
    filters.set(key, [...(filters.get(key) ?? []), f.slice(eq + 1)]);
  }
  for (const v of filters.get('dangling') ?? []) {
    if (goBool(v) === null) throw new BerthError('INVALID_ARGUMENT', `Invalid filter 'dangling=[${v}]'`);
  }
  const store = await ctx.openStore();
  let volumes = listVolumes(store.root);
  if (filters.has('dangling')) {
    const users = await volumeUsers(store);
    const want = filters.get('dangling')!.map((v) => goBool(v));
    volumes = volumes.filter((v) => want.includes(!users.get(v.name)?.length));
  }
  const any = (key: string, test: (value: string) => boolean) => !filters.has(key) || filters.get(key)!.some(test);
  const all = (key: string, test: (value: string) => boolean) => !filters.has(key) || filters.get(key)!.every(test);
  volumes = volumes.filter(
    (v) =>
      any('driver', (d) => nameMatches(d, 'local')) &&
      any('name', (n) => nameMatches(n, v.name)) &&
      all('label', (l) => matchesLabel(v.labels, l)),
  );
  let format = opts.format;
  if (opts.quiet) format = '{{.Name}}';
  else if (!format || format === 'table') format = 'table {{.Driver}}\t{{.Name}}';
  ctx.out(formatRows(format, volumes.map(templateRow), HEADERS));
}
