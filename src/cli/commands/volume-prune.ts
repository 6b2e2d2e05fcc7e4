// berth volume prune [-f] [--filter label=…]: Docker 20.10's warning and [y/N] prompt, then every volume no
// container uses goes; `Deleted Volumes:` lists them and `Total reclaimed space:` what their data held.

import type { Context } from '../context.js';
import { pruneVolumes } from '../../container/volume-store.js';
import { humanSize } from '../../format/units.js';
import { confirm } from '../output/prompt.js';
import { BerthError } from '../../errors.js';

const WARNING = 'WARNING! This will remove all local volumes not used by at least one container.\nAre you sure you want to continue?';

export async function run(ctx: Context, _args: unknown[], opts: { force?: boolean; filter?: string[] }): Promise<void> {
  const wanted: { key: string; value?: string; not: boolean }[] = [];
  for (const f of opts.filter ?? []) {
    const eq = f.indexOf('=');
    const key = eq < 0 ? f : f.slice(0, eq);
    if (key !== 'label' && key !== 'label!') throw new BerthError('INVALID_ARGUMENT', `Invalid filter '${key}'`);
    const spec = eq < 0 ? '' : f.slice(eq + 1);
    const e2 = spec.indexOf('=');
    wanted.push({ key: e2 < 0 ? spec : spec.slice(0, e2), value: e2 < 0 ? undefined : spec.slice(e2 + 1), not: key === 'label!' });
  }
  if (!opts.force && !(await confirm(WARNING))) {
    ctx.line('Total reclaimed space: 0B');
    return;
  }
  const store = await ctx.openStore();
  const { deleted, reclaimed } = await pruneVolumes(store, (v) =>
    wanted.every((w) => {
      const has = v.labels !== null && w.key in v.labels && (w.value === undefined || v.labels[w.key] === w.value);
      return w.not ? !has : has;
    }),
  );
  if (deleted.length) {
    ctx.line('Deleted Volumes:');
    for (const name of deleted) ctx.line(name);
    ctx.line();
  }
  ctx.line(`Total reclaimed space: ${humanSize(reclaimed)}`);
}
