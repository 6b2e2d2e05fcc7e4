// berth export [-o FILE] CONTAINER: the container's filesystem as a tar, to stdout (never to a terminal) or FILE.

import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Context } from '../context.js';
import { resolveContainer } from '../../container/resolve.js';
import { exportContainer } from '../../snapshot/index.js';
import { BerthError } from '../../errors.js';

export async function run(ctx: Context, [name]: unknown[], opts: { output?: string }): Promise<void> {
  if (!opts.output && ctx.isTTY)
    throw new BerthError('INVALID_ARGUMENT', 'cowardly refusing to save to a terminal. Use the -o flag or redirect');
  const store = await ctx.openStore();
  const c = await resolveContainer(store, name as string);
  const tar = await exportContainer(store, c.id);
  try {
    await pipeline(tar, opts.output ? createWriteStream(opts.output) : ctx.stdout);
  } catch (e) {
    // A reader that stopped early (`| head`) is not an error, as for any Unix program killed by SIGPIPE.
    if ((e as NodeJS.ErrnoException).code !== 'EPIPE') throw e;
  }
}
