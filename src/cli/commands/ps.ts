// berth ps [-a] [-q] [-s] [-n N] [-l] [--no-trunc] [--filter k=v] [--format T]: Docker's container table.

import type { Context } from '../context.js';
import { listContainers, psRow } from '../../container/list.js';
import { containerSizes } from '../../container/usage.js';
import { humanSizeWithPrecision } from '../../format/units.js';
import { formatRows } from '../output/format.js';
import { formatterRow } from '../../format/go-json.js';
import { goStruct } from '../../format/go-value.js';
import type { Store } from '../../store/store.js';
import type { Container } from '../../container/record.js';

const HEADERS = {
  ID: 'CONTAINER ID',
  Image: 'IMAGE',
  Command: 'COMMAND',
  CreatedAt: 'CREATED AT',
  RunningFor: 'CREATED',
  Ports: 'PORTS',
  State: 'STATE',
  Status: 'STATUS',
  Size: 'SIZE',
  Names: 'NAMES',
  Labels: 'LABELS',
  Mounts: 'MOUNTS',
  Networks: 'NETWORKS',
  LocalVolumes: 'LOCAL VOLUMES',
};

interface PsFlags {
  all?: boolean;
  quiet?: boolean;
  size?: boolean;
  last?: string;
  latest?: boolean;
  trunc?: boolean;
  filter?: string[];
  format?: string;
}

/** `ps -s`: the writable layer's size, and with the image's: "2B (virtual 1.98MB)". */
async function sizeText(store: Store, c: Container): Promise<string> {
  const { rw, rootFs } = await containerSizes(store, c);
  return `${humanSizeWithPrecision(rw, 3)} (virtual ${humanSizeWithPrecision(rootFs, 3)})`;
}

export async function run(ctx: Context, _args: unknown[], f: PsFlags): Promise<void> {
  const store = await ctx.openStore();
  const list = await listContainers(store, { all: f.all, filters: f.filter, last: f.last ? Number(f.last) : undefined, latest: f.latest });
  const noTrunc = f.trunc === false;
  let format = f.format;
  if (f.quiet && (!format || format === 'table')) format = '{{.ID}}';
  if (!format || format === 'table') {
    format = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}';
    if (f.size) format += '\t{{.Size}}';
  }
  // docker/cli asks for sizes when the template shows them, `{{json .}}` included.
  const wantsSize = f.size || format.includes('.Size') || /json\s+\./.test(format);
  const now = Date.now();
  const rows = [];
  for (const c of list) {
    const row = await psRow(store, c, { noTrunc, size: wantsSize ? await sizeText(store, c) : undefined }, now);
    // docker/cli's ContainerContext: a struct (an unknown field is an error) with a Label method.
    const labels = c.config.Labels ?? {};
    rows.push(goStruct('*formatter.ContainerContext', { ...formatterRow(row), Label: (name: string) => labels[name] ?? '' }));
  }
  ctx.out(formatRows(format, rows, HEADERS));
}
