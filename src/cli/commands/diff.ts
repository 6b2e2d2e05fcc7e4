// berth diff CONTAINER: the files the container added (A), changed (C) and deleted (D), as `docker diff` lists them.

import type { Context } from '../context.js';
import { resolveContainer } from '../../container/resolve.js';
import { containerChanges } from '../../snapshot/index.js';

export async function run(ctx: Context, [name]: unknown[]): Promise<void> {
  const store = await ctx.openStore();
  const c = await resolveContainer(store, name as string);
  const changes = await containerChanges(store, c.id);
  if (changes.length > 0) ctx.out(changes.map((ch) => `${ch.kind} ${ch.path}\n`).join(''));
}
