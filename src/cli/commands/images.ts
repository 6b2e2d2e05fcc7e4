// berth images [REPOSITORY[:TAG]]: Docker's table, -q, -a, --digests, --no-trunc, --filter and --format.
import type { Context } from '../context.js';
import { listImages, type ImageRow } from '../../image/list.js';
import { ago, humanSize, humanSizeWithPrecision } from '../../format/units.js';
import { formatterRow } from '../../format/go-json.js';
import { goTimeString } from '../../format/go-time.js';
import { formatRows } from '../output/format.js';

const HEADERS = {
  ID: 'IMAGE ID',
  Repository: 'REPOSITORY',
  Tag: 'TAG',
  Digest: 'DIGEST',
  CreatedSince: 'CREATED',
  CreatedAt: 'CREATED AT',
  Size: 'SIZE',
  Containers: 'CONTAINERS',
  VirtualSize: 'VIRTUAL SIZE',
  SharedSize: 'SHARED SIZE',
  UniqueSize: 'UNIQUE SIZE',
};

/** The fields docker/cli's imageContext offers to templates; `{{json .}}` prints them with sorted keys. */
function templateRow(row: ImageRow, noTrunc: boolean, now: number) {
  const size = humanSizeWithPrecision(row.size, 3);
  const fields = {
    ID: noTrunc ? row.id : row.id.slice(7, 19),
    Repository: row.repository,
    Tag: row.tag,
    Digest: row.digest,
    CreatedSince: row.created ? ago(row.created, now) : 'N/A',
    CreatedAt: goTimeString(row.created ? Math.floor(row.created.getTime() / 1000) : -62135596800),
    Size: size,
    Containers: 'N/A',
    // docker/cli formatter/image.go: Size is HumanSizeWithPrecision(3), VirtualSize plain HumanSize (4 digits).
    VirtualSize: humanSize(row.size),
    SharedSize: 'N/A',
    UniqueSize: 'N/A',
  };
  // The context marshals itself with json.Marshal: sorted keys, `<none>` as `\u003cnone\u003e`.
  return formatterRow(fields);
}

export async function run(
  ctx: Context,
  [repository]: unknown[],
  opts: { all?: boolean; digests?: boolean; filter?: string[]; format?: string; trunc?: boolean; quiet?: boolean },
): Promise<void> {
  const store = await ctx.openStore();
  const rows = await listImages(store, {
    all: opts.all,
    filters: opts.filter,
    repository: repository as string | undefined,
    digests: opts.digests,
  });
  const noTrunc = opts.trunc === false;
  let format = opts.format;
  if (!format || format === 'table') {
    if (opts.quiet) format = '{{.ID}}';
    else if (opts.digests) format = 'table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}';
    else format = 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}';
  }
  const now = Date.now();
  ctx.out(formatRows(format, rows.map((r) => templateRow(r, noTrunc, now)), HEADERS));
}
