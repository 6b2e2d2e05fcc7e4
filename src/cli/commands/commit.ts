// berth commit [-a AUTHOR] [-c CHANGE]... [-m MESSAGE] CONTAINER [REPOSITORY[:TAG]]: a new image from the
// container's changes; prints its ID. The reference is checked first, as Docker's CLI does before calling the daemon.
// `-p` (pause while committing) needs pause/resume from the OCI runtime layer, which it does not have yet:
// commitContainer takes a `pause` hook for it.

import type { Context } from '../context.js';
import { resolveContainer } from '../../container/resolve.js';
import { commitContainer, parseCommitReference } from '../../image/commit-container.js';

export async function run(
  ctx: Context,
  [name, repository]: unknown[],
  opts: { author?: string; change?: string[]; message?: string },
): Promise<void> {
  if (repository) parseCommitReference(repository as string);
  const store = await ctx.openStore();
  const c = await resolveContainer(store, name as string);
  const id = await commitContainer(store, {
    key: c.id,
    imageID: c.image,
    config: c.config,
    message: opts.message,
    author: opts.author,
    changes: opts.change,
    reference: repository as string | undefined,
  });
  ctx.line(id);
}
