// berth start [-a] [-i] CONTAINER...: detached starts print each name as given; -a attaches to one container and
// passes its exit code through. A container that is already running is left as it is.

import type { Context } from '../context.js';
import { resolveContainer } from '../../container/resolve.js';
import { supervise } from '../../container/supervise.js';
import { startDetached, StartError } from '../../container/monitor.js';
import { destroyContainer } from '../../container/remove.js';
import { reportError } from '../output/errors.js';
import { attachTo } from './attach.js';
import { BerthError } from '../../errors.js';

export async function run(ctx: Context, [names]: unknown[], opts: { attach?: boolean; interactive?: boolean }): Promise<number> {
  const store = await ctx.openStore();
  const list = names as string[];
  if (opts.attach || opts.interactive) {
    if (list.length > 1) throw new BerthError('INVALID_ARGUMENT', 'you cannot start and attach multiple containers at once');
    const c = await resolveContainer(store, list[0]);
    // already running: attach to it, as Docker's `start -a` does
    if (c.state.status === 'running') return attachTo(ctx, store, c, true);
    const tty = !!c.config.Tty;
    const result = await supervise(store, c, {
      stdin: opts.interactive ? 'inherit' : 'ignore',
      attach: true,
      terminalHere: tty && !!process.stdin.isTTY && !!process.stdout.isTTY,
      forwardSignals: process.stdin.isTTY ? ['SIGTERM', 'SIGHUP'] : ['SIGTERM', 'SIGHUP', 'SIGINT'],
    });
    if (result.startError) {
      reportError(result.startError);
      return 1;
    }
    if (c.host.autoRemove) await destroyContainer(store, c, { volumes: true });
    return result.exitCode;
  }
  const failed: string[] = [];
  for (const name of list) {
    try {
      const c = await resolveContainer(store, name);
      if (c.state.status !== 'running') await startDetached(store, c, { holdStdin: !!c.config.OpenStdin });
      ctx.line(name);
    } catch (e) {
      if (e instanceof StartError) ctx.stderr.write(`Error response from daemon: ${e.message}\n`);
      else reportError(e);
      failed.push(name);
    }
  }
  if (failed.length) {
    ctx.stderr.write(`Error: failed to start containers: ${failed.join(', ')}\n`);
    return 1;
  }
  return 0;
}
