// berth volume create [-d local] [--label k=v] [VOLUME]: prints the volume's name (a random 64-hex one when none
// is given); a name already taken gives that volume back, as Docker's does.

import type { Context } from '../context.js';
import { createVolume } from '../../container/volume-store.js';
import { BerthError } from '../../errors.js';
import { labelMap } from '../../oci/labels.js';

export async function run(ctx: Context, [volume]: unknown[], opts: { driver?: string; label?: string[]; opt?: string[]; name?: string }): Promise<void> {
  const positional = volume as string | undefined;
  if (positional && opts.name && positional !== opts.name) {
    throw new BerthError('INVALID_ARGUMENT', `conflicting options: either specify --name or provide positional arg, not both`);
  }
  const store = await ctx.openStore();
  const name = await createVolume(store, { name: positional || opts.name, driver: opts.driver, labels: labelMap(opts.label), options: labelMap(opts.opt) });
  ctx.line(name);
}
