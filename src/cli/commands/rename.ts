// berth rename CONTAINER NEW_NAME: takes the new name first (so a clash changes nothing), then frees the old one.

import type { Context } from '../context.js';
import { resolveContainer } from '../../container/resolve.js';
import { validateName } from '../../container/names.js';
import { BerthError } from '../../errors.js';

export async function run(ctx: Context, [oldName, newName]: unknown[]): Promise<void> {
  const store = await ctx.openStore();
  const c = await resolveContainer(store, oldName as string);
  const name = validateName(newName as string);
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
