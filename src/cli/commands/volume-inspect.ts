// berth volume inspect [-f FORMAT] VOLUME...: Docker's JSON array (or one line per volume with -f); a missing
// volume is reported after the others are printed, with exit 1.

import type { Context } from '../context.js';
import { getVolume, volumeView } from '../../container/volume-store.js';
import { goJSONIndent } from '../../format/go-json.js';
import { formatOne } from '../output/format.js';

export async function run(ctx: Context, [names]: unknown[], opts: { format?: string }): Promise<number> {
  const store = await ctx.openStore();
  const found: Record<string, unknown>[] = [];
  const missing: string[] = [];
  for (const name of names as string[]) {
    const v = getVolume(store.root, name);
    if (v) found.push(volumeView(v));
    else missing.push(name);
  }
  if (opts.format) for (const v of found) ctx.line(formatOne(opts.format, v));
  else ctx.line(goJSONIndent(found, '    ', '', { escapeHTML: false }));
  for (const name of missing) process.stderr.write(`Error: No such volume: ${name}\n`);
  return missing.length ? 1 : 0;
}
