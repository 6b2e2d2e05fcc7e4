// berth import FILE|URL|- [REPOSITORY[:TAG]]: prints the new image's ID.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Context } from '../context.js';
import { importImage } from '../../image/import.js';
import { BerthError } from '../../errors.js';
import { trustDeferredExtraCA } from '../../sys/extra-ca.js';

async function open(source: string): Promise<Readable> {
  if (source === '-') return process.stdin;
  if (/^https?:\/\//.test(source)) {
    trustDeferredExtraCA();
    const res = await fetch(source).catch((e: Error & { cause?: Error }) => {
      throw new BerthError('UNAVAILABLE', `Get "${source}": ${e.cause?.message ?? e.message}`);
    });
    if (!res.ok || !res.body) throw new BerthError('UNAVAILABLE', `Get "${source}": ${res.status} ${res.statusText}`);
    return Readable.fromWeb(res.body as import('node:stream/web').ReadableStream);
  }
  const st = await stat(source).catch(() => null);
  if (!st) throw new BerthError('NOT_FOUND', `open ${source}: no such file or directory`);
  return createReadStream(source, { highWaterMark: 1 << 20 });
}

export async function run(
  ctx: Context,
  [source, repository]: unknown[],
  opts: { change?: string[]; message?: string; platform?: string },
): Promise<void> {
  const store = await ctx.openStore();
  const input = await open(source as string);
  const id = await importImage(store, input, {
    source: source as string,
    message: opts.message,
    changes: opts.change,
    tag: repository as string | undefined,
    platform: opts.platform,
  });
  ctx.line(id);
}
