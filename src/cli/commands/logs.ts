// berth logs [-f] [--tail N] [-t] CONTAINER: the json-file log, stdout entries to stdout and stderr entries to
// stderr; -f follows until the container stops.

import type { Context } from '../context.js';
import { resolveContainer } from '../../container/resolve.js';
import { readLog, type LogEntry } from '../../container/log-file.js';
import { BerthError } from '../../errors.js';
import { parseRFC3339 } from '../../format/go-time.js';

/** Docker's RFC3339NanoFixed: always nine fraction digits. */
function fixedTime(t: string): string {
  const g = parseRFC3339(t);
  if (!g) return t;
  const d = new Date(g.seconds * 1000).toISOString().slice(0, 19);
  return `${d}.${String(g.nanos).padStart(9, '0')}Z`;
}

export async function run(
  ctx: Context,
  [name]: unknown[],
  opts: { follow?: boolean; tail?: string; timestamps?: boolean; details?: boolean },
): Promise<number> {
  const store = await ctx.openStore();
  const c = await resolveContainer(store, name as string);
  const tail = opts.tail === undefined || opts.tail === 'all' ? -1 : Number(opts.tail);
  if (Number.isNaN(tail)) throw new BerthError('INVALID_ARGUMENT', `invalid value for "tail": ${opts.tail}`);
  const path = store.containers.logPath(c.id);
  const emit = (e: LogEntry) => {
    const text = opts.timestamps ? `${fixedTime(e.time)} ${e.log}` : e.log;
    (e.stream === 'stderr' ? ctx.stderr : ctx.stdout).write(text);
  };
  let skip = 0;
  if (tail >= 0) {
    let count = 0;
    for await (const _ of readLog(path)) count++;
    skip = Math.max(0, count - tail);
  }
  const done = () => store.containers.readState(c.id).status !== 'running';
  for await (const e of readLog(path, { follow: !!opts.follow, done })) {
    if (skip > 0) {
      skip--;
      continue;
    }
    emit(e);
  }
  return 0;
}
