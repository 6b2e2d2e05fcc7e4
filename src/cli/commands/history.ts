// berth history IMAGE: Docker's table (IMAGE CREATED CREATED BY SIZE COMMENT), -q, --no-trunc, -H, --format.
import type { Context } from '../context.js';
import { resolveImage } from '../../image/resolve.js';
import { imageHistory } from '../../image/describe.js';
import { historyTableRow } from '../../image/history-view.js';
import { formatRows } from '../output/format.js';
import { formatterRow } from '../../format/go-json.js';

const HEADERS = {
  ID: 'IMAGE',
  CreatedSince: 'CREATED',
  CreatedAt: 'CREATED AT',
  CreatedBy: 'CREATED BY',
  Size: 'SIZE',
  Comment: 'COMMENT',
};

export async function run(
  ctx: Context,
  [image]: unknown[],
  opts: { format?: string; human?: boolean; trunc?: boolean; quiet?: boolean },
): Promise<void> {
  const store = await ctx.openStore();
  const { id } = await resolveImage(store, image as string);
  const rows = await imageHistory(store, id);
  let format = opts.format;
  if (!format || format === 'table') {
    // docker/cli formatter/history.go: -H=false switches the table to CreatedAt ("CREATED AT", RFC 3339).
    const created = opts.human === false ? '{{.CreatedAt}}' : '{{.CreatedSince}}';
    format = opts.quiet ? '{{.ID}}' : `table {{.ID}}\t${created}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}`;
  }
  const now = new Date();
  const view = rows.map((r) => {
    const fields = historyTableRow(r, { noTrunc: opts.trunc === false, human: opts.human !== false, now });
    return formatterRow(fields);
  });
  ctx.out(formatRows(format, view, HEADERS));
}
