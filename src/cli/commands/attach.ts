// berth attach [--sig-proxy=false] CONTAINER: a running container's output from now on, signals passed on to it
// (unless --sig-proxy=false), until it stops; its exit code. Its stdin is not attached (see container/attach.ts).

import { constants as osConstants } from 'node:os';
import type { Context } from '../context.js';
import { resolveContainer } from '../../container/resolve.js';
import { attachOutput } from '../../container/attach.js';
import { signalContainer } from '../../container/signal.js';
import type { Container } from '../../container/record.js';
import type { Store } from '../../store/store.js';

/** Follows `c`'s output, forwarding the usual terminal signals to it when `proxy`; its exit code. */
export async function attachTo(ctx: Context, store: Store, c: Container, proxy: boolean): Promise<number> {
  const forwarded: [NodeJS.Signals, () => void][] = [];
  if (proxy) {
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'] as const) {
      const h = () => {
        try {
          signalContainer(c, osConstants.signals[sig]);
        } catch {
          // gone meanwhile
        }
      };
      process.on(sig, h);
      forwarded.push([sig, h]);
    }
  }
  try {
    return await attachOutput(store, c, { stdout: ctx.stdout, stderr: ctx.stderr });
  } finally {
    for (const [sig, h] of forwarded) process.off(sig, h);
  }
}

export async function run(ctx: Context, [name]: unknown[], opts: { sigProxy?: boolean }): Promise<number> {
  const store = await ctx.openStore();
  const c = await resolveContainer(store, name as string);
  // docker/cli's own checks, printed as they are
  if (c.state.status !== 'running') {
    ctx.stderr.write('You cannot attach to a stopped container, start it first\n');
    return 1;
  }
  if (c.state.paused) {
    ctx.stderr.write('You cannot attach to a paused container, unpause it first\n');
    return 1;
  }
  return attachTo(ctx, store, c, opts.sigProxy !== false);
}
