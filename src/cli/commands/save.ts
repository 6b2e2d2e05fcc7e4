// berth save [-o FILE] IMAGE...: to a file (written beside it, then renamed into place) or to stdout.
import { open, rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import type { Context } from '../context.js';
import { outputPathProblem } from '../output/output-path.js';
import { saveImages } from '../../transport/docker-archive/save.js';
import { BerthError } from '../../errors.js';

export async function run(ctx: Context, [images]: unknown[], opts: { output?: string }): Promise<number | void> {
  const problem = opts.output ? outputPathProblem(opts.output) : null;
  if (problem) {
    ctx.stderr.write(`failed to save image: ${problem}\n`);
    return 1;
  }
  const store = await ctx.openStore();
  if (!opts.output) {
    if (process.stdout.isTTY)
      throw new BerthError('INVALID_ARGUMENT', 'cowardly refusing to save to a terminal. Use the -o flag or redirect');
    await saveImages(store, images as string[], process.stdout);
    return;
  }
  const tmp = `${opts.output}.berth-tmp-${process.pid}`;
  // opened first, so that a failure to open is this command's error rather than the stream's unhandled event
  const out = (await open(tmp, 'w')).createWriteStream({ highWaterMark: 1 << 20 });
  try {
    await saveImages(store, images as string[], out);
    out.end();
    await finished(out);
    await rename(tmp, opts.output);
  } catch (e) {
    out.destroy();
    await rm(tmp, { force: true });
    throw e;
  }
}
