// berth logs [-f] [--tail N] [-t] [--since T] [--until T] [--details] CONTAINER: the json-file log, stdout entries to
// stdout and stderr entries to stderr; -f follows until the container stops (or --until's time is passed).

import type { Context } from '../context.js';
import { resolveContainer } from '../../container/resolve.js';
import { readLogs, type LogEntry } from '../../container/log-file.js';
import { BerthError } from '../../errors.js';
import { parseRFC3339 } from '../../format/go-time.js';
import { dockerTimestamp } from '../../format/docker-timestamp.js';

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
  opts: { follow?: boolean; tail?: string; timestamps?: boolean; details?: boolean; since?: string; until?: string },
): Promise<number> {
  const store = await ctx.openStore();
  const c = await resolveContainer(store, name as string);
  const tail = opts.tail === undefined || opts.tail === 'all' ? -1 : Number(opts.tail);
  if (Number.isNaN(tail)) throw new BerthError('INVALID_ARGUMENT', `invalid value for "tail": ${opts.tail}`);
  // Docker's API client reads these before it asks the daemon: its error is printed bare
  let since: number | null = null;
  let until: number | null = null;
  for (const [key, value] of [['since', opts.since], ['until', opts.until]] as const) {
    if (!value) continue;
    try {
      if (key === 'since') since = dockerTimestamp(value);
      else until = dockerTimestamp(value);
    } catch (e) {
      if (!(e instanceof BerthError)) throw e;
      ctx.stderr.write(`invalid value for "${key}": ${e.message}\n`);
      return 1;
    }
  }
  if (c.host.logConfig?.Type === 'none') {
    // the daemon's answer (this command's other errors are worded by Docker's CLI)
    ctx.stderr.write('Error response from daemon: configured logging driver does not support reading\n');
    return 1;
  }
  const path = store.containers.logPath(c.id);
  const emit = (e: LogEntry) => {
    // --details: the entry's attributes (none in a json-file log berth writes) and a space, then -t's time before that
    const line = opts.details ? ` ${e.log}` : e.log;
    const text = opts.timestamps ? `${fixedTime(e.time)} ${line}` : line;
    (e.stream === 'stderr' ? ctx.stderr : ctx.stdout).write(text);
  };
  const at = (e: LogEntry) => {
    const g = parseRFC3339(e.time);
    return g ? g.seconds * 1000 + g.nanos / 1e6 : 0;
  };
  let skip = 0;
  if (tail >= 0) {
    let count = 0;
    for await (const _ of readLogs(path)) count++;
    skip = Math.max(0, count - tail);
  }
  const done = () => store.containers.readState(c.id).status !== 'running';
  for await (const e of readLogs(path, { follow: !!opts.follow, done: () => done() || (until !== null && Date.now() > until) })) {
    if (skip > 0) {
      skip--;
      continue;
    }
    if (since !== null && at(e) < since) continue;
    if (until !== null && at(e) > until) break;
    emit(e);
  }
  return 0;
}
