// berth commit [-a AUTHOR] [-c CHANGE]... [-m MESSAGE] CONTAINER [REPOSITORY[:TAG]]: a new image from the
// container's changes; prints its ID. The reference is checked first, as Docker's CLI does before calling the daemon.
// `-p` (the default) freezes a running container through the OCI runtime while its writable layer is read.

import type { Context } from '../context.js';
import { resolveContainer } from '../../container/resolve.js';
import { commitContainer, parseCommitReference } from '../../image/commit-container.js';
import { runtimeByName } from '../../container/runtime/detect.js';

export async function run(
  ctx: Context,
  [name, repository]: unknown[],
  opts: { author?: string; change?: string[]; message?: string; pause?: boolean },
): Promise<void> {
  if (repository) parseCommitReference(repository as string);
  const store = await ctx.openStore();
  const c = await resolveContainer(store, name as string);
  const runtime = runtimeByName(c.runtime, store.containers.runtimeRootOf(c.id));
  const pause =
    opts.pause !== false && c.state.status === 'running' && !c.state.paused
      ? async () => {
          await runtime.pause(c.id);
          return () => runtime.resume(c.id);
        }
      : undefined;
  const id = await commitContainer(store, {
    key: c.id,
    imageID: c.image,
    config: c.config,
    message: opts.message,
    author: opts.author,
    changes: opts.change,
    reference: repository as string | undefined,
    pause,
    stopped: c.state.status !== 'running' || !!c.state.paused,
  });
  ctx.line(id);
}
