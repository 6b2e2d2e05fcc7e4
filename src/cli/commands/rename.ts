// berth rename CONTAINER NEW_NAME: takes the new name first (so a clash changes nothing), then frees the old one.

import type { Context } from '../context.js';
import { reportError } from '../output/errors.js';
import { resolveContainer } from '../../container/resolve.js';
import { validateName } from '../../container/names.js';
import { BerthError } from '../../errors.js';

/** docker/cli prints the daemon's error, then its own line. */
export async function run(ctx: Context, [oldName, newName]: unknown[]): Promise<number | void> {
  try {
    await rename(ctx, oldName as string, newName as string);
  } catch (e) {
    reportError(e);
    ctx.stderr.write(`Error: failed to rename container named ${oldName as string}\n`);
    return 1;
  }
}

async function rename(ctx: Context, oldName: string, newName: string): Promise<void> {
  const store = await ctx.openStore();
  const c = await resolveContainer(store, oldName);
  const name = validateName(newName);
  if (name === c.name) throw new BerthError('INVALID_ARGUMENT', 'Renaming a container with the same name as its current name');
  const cs = store.containers;
  try {
    await cs.reserveName(name, c.id);
  } catch (e) {
    throw new BerthError('CONFLICT', `Error when allocating new name: ${(e as Error).message}`);
  }
  const rec = (await cs.getRecord(c.id))!;
  await cs.writeRecord({ ...rec, name });
  await cs.releaseName(c.name, c.id);
}
