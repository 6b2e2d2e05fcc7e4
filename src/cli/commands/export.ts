// berth export [-o FILE] CONTAINER: the container's whole filesystem as a tar, to a file (written beside it, then
// renamed into place) or to stdout, never to a terminal (Docker's message).

import { open, rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { Context } from '../context.js';
import { outputPathProblem } from '../output/output-path.js';
import { resolveContainer } from '../../container/resolve.js';
import { exportContainer } from '../../snapshot/index.js';
import { BerthError } from '../../errors.js';

export async function run(ctx: Context, [name]: unknown[], opts: { output?: string }): Promise<number | void> {
  const problem = opts.output ? outputPathProblem(opts.output) : null;
  if (problem) {
    ctx.stderr.write(`failed to export container: ${problem}\n`);
    return 1;
  }
  if (!opts.output && process.stdout.isTTY) {
    throw new BerthError('INVALID_ARGUMENT', 'cowardly refusing to save to a terminal. Use the -o flag or redirect');
  }
  const store = await ctx.openStore();
  const c = await resolveContainer(store, name as string);
  const tar = await exportContainer(store, c.id);
  if (!opts.output) {
    await pipeline(tar, process.stdout, { end: false });
    return;
  }
  const tmp = `${opts.output}.berth-tmp-${process.pid}`;
  try {
    await pipeline(tar, (await open(tmp, 'w')).createWriteStream({ highWaterMark: 1 << 20 }));
    await rename(tmp, opts.output);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
