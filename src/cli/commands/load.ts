// berth load [-i FILE] [-q]: `Loaded image: name:tag` per tag, progress lines only on a terminal.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Context } from '../context.js';
import { loadArchive } from '../../transport/docker-archive/load.js';
import { BerthError } from '../../errors.js';
import { parseNormalizedNamed } from '../../reference/normalize.js';
import { ProgressLine } from '../output/progress.js';

export async function run(ctx: Context, _args: unknown[], opts: { input?: string; quiet?: boolean }): Promise<void> {
  let input: Readable;
  if (opts.input) {
    const st = await stat(opts.input).catch(() => null);
    if (!st) throw new BerthError('NOT_FOUND', `open ${opts.input}: no such file or directory`);
    if (st.isDirectory()) throw new BerthError('INVALID_ARGUMENT', `read ${opts.input}: is a directory`);
    input = createReadStream(opts.input, { highWaterMark: 1 << 20 });
  } else {
    if (process.stdin.isTTY) throw new BerthError('INVALID_ARGUMENT', 'requested load from stdin, but stdin is empty');
    input = process.stdin;
  }
  const store = await ctx.openStore();
  const progress = !opts.quiet && ctx.isTTY ? new ProgressLine(ctx.stdout) : null;
  const result = await loadArchive(store, input, {
    onProgress: progress
      ? (e) => {
          // Docker names a layer by its diffID, which a stream knows only at the layer's end; until then the
          // archive path stands in (in Docker 25's layout it is the same digest).
          const id = (e.diffID ? e.diffID.slice(7) : e.name.replace(/^blobs\/sha256\//, '')).slice(0, 12);
          progress.update(id, 'Loading layer', e.current, e.total, e.type === 'layer-done');
        }
      : undefined,
  });
  for (const img of result.images) {
    for (const m of img.moved) {
      ctx.line(`The image ${parseNormalizedNamed(m.ref).familiar()} already exists, renaming the old one with ID ${m.old} to empty string`);
    }
    if (img.tags.length === 0) ctx.line(`Loaded image ID: ${img.id}`);
    for (const t of img.tags) ctx.line(`Loaded image: ${parseNormalizedNamed(t).familiar()}`);
  }
}
