// berth system df [-v]: Docker's usage table (TYPE TOTAL ACTIVE SIZE RECLAIMABLE), and per-image detail with -v.
import type { Context } from '../context.js';
import { diskUsage } from '../../image/usage.js';
import { humanSize, humanSizeWithPrecision, ago } from '../../format/units.js';
import { tabulate } from '../../format/tabwriter.js';

function reclaim(size: number, total: number): string {
  return total > 0 ? `${humanSize(size)} (${Math.floor((size * 100) / total)}%)` : humanSize(size);
}

export async function run(ctx: Context, _args: unknown[], opts: { verbose?: boolean }): Promise<void> {
  const u = await diskUsage(await ctx.openStore());
  if (!opts.verbose) {
    ctx.out(
      tabulate(
        'TYPE\tTOTAL\tACTIVE\tSIZE\tRECLAIMABLE\n' +
          `Images\t${u.imageCount}\t${u.activeImages}\t${humanSize(u.layersSize)}\t${reclaim(u.reclaimable, u.layersSize)}\n` +
          'Containers\t0\t0\t0B\t0B\n' +
          'Local Volumes\t0\t0\t0B\t0B\n' +
          'Build Cache\t0\t0\t0B\t0B\n',
      ),
    );
    return;
  }
  const now = new Date();
  let t = 'REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE\tSHARED SIZE\tUNIQUE SIZE\tCONTAINERS\n';
  for (const i of u.images) {
    t += `${i.row.repository}\t${i.row.tag}\t${i.row.id.slice(7, 19)}\t${i.row.created ? ago(i.row.created, now) : 'N/A'}\t`;
    t += `${humanSizeWithPrecision(i.size, 4)}\t${humanSizeWithPrecision(i.sharedSize, 4)}\t${humanSizeWithPrecision(i.uniqueSize, 4)}\t${i.containers}\n`;
  }
  ctx.out('Images space usage:\n\n' + tabulate(t));
  ctx.out('\nContainers space usage:\n\n' + tabulate('CONTAINER ID\tIMAGE\tCOMMAND\tLOCAL VOLUMES\tSIZE\tCREATED\tSTATUS\tNAMES\n'));
  ctx.out('\nLocal Volumes space usage:\n\n' + tabulate('VOLUME NAME\tLINKS\tSIZE\n'));
  ctx.out('\nBuild cache usage: 0B\n\n' + tabulate('CACHE ID\tCACHE TYPE\tSIZE\tCREATED\tLAST USED\tUSAGE\tSHARED\n'));
  ctx.out(`\nLayer archives kept for save and push: ${humanSize(u.blobsSize)}\n`);
}
