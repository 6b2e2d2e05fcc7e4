// berth tag SOURCE TARGET
import type { Context } from '../context.js';
import { tagImage } from '../../image/tag.js';

export async function run(ctx: Context, [source, target]: unknown[]): Promise<void> {
  await tagImage(await ctx.openStore(), source as string, target as string);
}
