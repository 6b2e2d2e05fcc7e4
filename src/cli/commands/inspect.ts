// berth inspect / image inspect NAME...: Docker's JSON array (or one --format line per object); a name is looked up
// as a container first, then as an image, then as a volume (unless --type says which); a missing name is reported
// after the others are printed, with exit 1, as Docker does.
import type { Context } from '../context.js';
import { findImage } from '../../image/resolve.js';
import { inspectImage } from '../../image/describe.js';
import { findContainer } from '../../container/resolve.js';
import { inspectContainer } from '../../container/inspect-view.js';
import { goJSONIndent } from '../../format/go-json.js';
import { formatOne } from '../output/format.js';
import { BerthError } from '../../errors.js';
import { getVolume, volumeView } from '../../container/volume-store.js';

export async function inspectObjects(
  ctx: Context,
  names: string[],
  opts: { format?: string; type?: string; size?: boolean },
  missingWord: 'object' | 'image' | 'container',
): Promise<number> {
  if (opts.type && opts.type !== 'image' && opts.type !== 'container' && opts.type !== 'volume')
    throw new BerthError('INVALID_ARGUMENT', `"${opts.type}" is not a valid value for --type`);
  const word = opts.type === 'container' || opts.type === 'image' || opts.type === 'volume' ? opts.type : missingWord;
  const store = await ctx.openStore();
  const found: Record<string, unknown>[] = [];
  const missing: string[] = [];
  for (const name of names) {
    if (!opts.type || opts.type === 'container') {
      const c = await findContainer(store.containers, name).catch(() => null);
      if (c) {
        found.push(await inspectContainer(store, c, !!opts.size));
        continue;
      }
    }
    const hit = !opts.type || opts.type === 'image' ? await findImage(store, name).catch(() => null) : null;
    if (hit) {
      found.push(await inspectImage(store, hit.id));
      continue;
    }
    const volume = !opts.type || opts.type === 'volume' ? getVolume(store.root, name) : null;
    if (volume) found.push(volumeView(volume));
    else missing.push(name);
  }
  if (opts.format) for (const v of found) ctx.line(formatOne(opts.format, v));
  else ctx.line(goJSONIndent(found, '    ', '', { escapeHTML: false }));
  for (const name of missing) process.stderr.write(`Error: No such ${word}: ${name}\n`);
  return missing.length ? 1 : 0;
}

export function run(ctx: Context, [names]: unknown[], opts: { format?: string; type?: string; size?: boolean }): Promise<number> {
  return inspectObjects(ctx, names as string[], opts, 'object');
}
