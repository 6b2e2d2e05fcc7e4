// berth container inspect CONTAINER...: Docker's JSON array (or one --format line each); missing names are
// reported after the others are printed, exit 1.

import type { Context } from '../context.js';
import { findContainer } from '../../container/resolve.js';
import { inspectContainer } from '../../container/inspect-view.js';
import { goJSONIndent } from '../../format/go-json.js';
import { formatOne } from '../output/format.js';

export async function run(ctx: Context, [names]: unknown[], opts: { format?: string; size?: boolean }): Promise<number> {
  const store = await ctx.openStore();
  const found: Record<string, unknown>[] = [];
  const missing: string[] = [];
  for (const name of names as string[]) {
    const c = await findContainer(store.containers, name).catch(() => null);
    if (c) found.push(await inspectContainer(store, c, !!opts.size));
    else missing.push(name);
  }
  if (opts.format) for (const v of found) ctx.line(formatOne(opts.format, v));
  else ctx.line(goJSONIndent(found, '    ', '', { escapeHTML: false }));
  for (const name of missing) ctx.stderr.write(`Error: No such container: ${name}\n`);
  return missing.length ? 1 : 0;
}
