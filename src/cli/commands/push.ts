// berth push [-a] [-q] NAME[:TAG]: Docker's output — `The push refers to repository [name]`, per-layer lines
// (`Preparing`, `Waiting`, `Pushing` with a bar on a terminal, `Pushed`, `Layer already exists`, `Mounted from
// repo`), then `<tag>: digest: sha256:… size: N` per tag.

import type { Context } from '../context.js';
import { BerthError } from '../../errors.js';
import { hex, type Digest } from '../../digest/digest.js';
import { RegistrySession } from '../../transport/registry/session.js';
import { localImageForPush, localTags, pushImage } from '../../copy/push.js';
import type { CopyEvent } from '../../copy/types.js';
import { JSONProgressWriter } from '../output/json-progress.js';
import { transferReference } from '../transfer-reference.js';
import { reportDaemonError } from '../output/daemon-errors.js';

interface PushFlags {
  allTags?: boolean;
  quiet?: boolean;
}

const shortID = (d: Digest) => hex(d).slice(0, 12);

/** Turns copy events into Docker's push lines (layers named by diffID); progress at most every 100 ms. */
function pushDisplay(out: JSONProgressWriter): (e: CopyEvent) => void {
  let diffIDs: Digest[] = [];
  const last = new Map<string, number>();
  return (e) => {
    if (e.type === 'resolved') {
      diffIDs = e.image.diffIDs;
      for (const d of [...new Set(diffIDs)].reverse()) out.update(shortID(d), 'Preparing');
      return;
    }
    if (e.type === 'manifest') return;
    const id = shortID(diffIDs[e.index] ?? e.desc.digest);
    switch (e.type) {
      case 'layer-skip':
        return out.update(id, e.how === 'mounted' ? `Mounted from ${e.from}` : 'Layer already exists');
      case 'layer-wait':
        return out.update(id, 'Waiting');
      case 'layer-progress': {
        const now = Date.now();
        if (now - (last.get(id) ?? 0) < 100) return;
        last.set(id, now);
        return out.update(id, 'Pushing', { current: e.current, total: e.total });
      }
      case 'layer-done':
        return out.update(id, 'Pushed');
    }
  };
}

export async function run(ctx: Context, [name]: unknown[], opts: PushFlags): Promise<number | void> {
  const ref = transferReference(ctx, name as string, opts, (r) => {
    if (r.digest) throw new BerthError('INVALID_ARGUMENT', 'cannot push a digest reference');
  });
  if (typeof ref === 'number') return ref;
  const display = opts.quiet ? null : new JSONProgressWriter(ctx.stdout, ctx.isTTY);
  try {
    const store = await ctx.openStore();
    display?.message(`The push refers to repository [${ref.name}]`);
    const tags = opts.allTags ? await localTags(store, ref) : [ref.tag!];
    if (tags.length === 0) await localImageForPush(store, ref);
    await using session = await RegistrySession.open();
    for (const tag of tags) {
      const r = await pushImage(store, session, ref.withTag(tag), { onEvent: display ? pushDisplay(display) : undefined });
      display?.message(`${tag}: digest: ${r.topDigest} size: ${r.manifestSize}`);
    }
    if (opts.quiet) ctx.line(ref.toString());
  } catch (e) {
    return reportDaemonError(e, '', ctx.opts.debug);
  }
}
