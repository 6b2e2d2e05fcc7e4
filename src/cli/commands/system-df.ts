// berth system df [-v]: Docker's usage table (TYPE TOTAL ACTIVE SIZE RECLAIMABLE), and per-image detail with -v.
import type { Context } from '../context.js';
import { diskUsage } from '../../image/usage.js';
import { humanSize, humanSizeWithPrecision, ago } from '../../format/units.js';
import { tabulate } from '../../format/tabwriter.js';
import { containersUsage } from '../../container/usage.js';
import { commandColumn } from '../../container/list.js';
import { statusText } from '../../container/status.js';

function reclaim(size: number, total: number): string {
  return total > 0 ? `${humanSize(size)} (${Math.floor((size * 100) / total)}%)` : humanSize(size);
}

export async function run(ctx: Context, _args: unknown[], opts: { verbose?: boolean }): Promise<void> {
  const store = await ctx.openStore();
  const cu = await containersUsage(store);
  const u = await diskUsage(store, (id) => cu.imageUsers.get(id) ?? 0);
  if (!opts.verbose) {
    ctx.out(
      tabulate(
        'TYPE\tTOTAL\tACTIVE\tSIZE\tRECLAIMABLE\n' +
          `Images\t${u.imageCount}\t${u.activeImages}\t${humanSize(u.layersSize)}\t${reclaim(u.reclaimable, u.layersSize)}\n` +
          `Containers\t${cu.containers.length}\t${cu.running}\t${humanSize(cu.size)}\t${reclaim(cu.reclaimable, cu.size)}\n` +
          `Local Volumes\t${cu.volumes.length}\t${cu.activeVolumes}\t${humanSize(cu.volumesSize)}\t${reclaim(cu.volumesReclaimable, cu.volumesSize)}\n` +
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
  let ct = 'CONTAINER ID\tIMAGE\tCOMMAND\tLOCAL VOLUMES\tSIZE\tCREATED\tSTATUS\tNAMES\n';
  for (const { container: c, size } of cu.containers) {
    const vols = c.mounts.filter((m) => m.type === 'volume').length;
    ct += `${c.id.slice(0, 12)}\t${c.config.Image || c.image.slice(7, 19)}\t${commandColumn(c, false)}\t${vols}\t${humanSize(size)}\t`;
    ct += `${ago(new Date(c.created), now)}\t${statusText(c.state, now.getTime())}\t${c.name}\n`;
  }
  ctx.out('\nContainers space usage:\n\n' + tabulate(ct));
  let vt = 'VOLUME NAME\tLINKS\tSIZE\n';
  for (const v of cu.volumes) vt += `${v.name}\t${v.links}\t${humanSize(v.size)}\n`;
  ctx.out('\nLocal Volumes space usage:\n\n' + tabulate(vt));
  ctx.out('\nBuild cache usage: 0B\n\n' + tabulate('CACHE ID\tCACHE TYPE\tSIZE\tCREATED\tLAST USED\tUSAGE\tSHARED\n'));
  ctx.out(`\nLayer archives kept for save and push: ${humanSize(u.blobsSize)}\n`);
}
