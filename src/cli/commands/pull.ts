// berth pull [-a] [-q] [--platform P] NAME[:TAG|@DIGEST]: Docker's output — `Using default tag`, `<tag>: Pulling
// from <path>`, per-layer status lines (redrawn with progress bars on a terminal), `Digest:`, `Status:`, and the
// full reference as the last line.

import type { Context } from '../context.js';
import { hex, type Digest } from '../../digest/digest.js';
import type { Reference } from '../../reference/reference.js';
import { parsePlatform } from '../../oci/platform.js';
import type { Platform } from '../../oci/types.js';
import type { Store } from '../../store/store.js';
import { RegistrySession } from '../../transport/registry/session.js';
import { listRemoteTags, pullImage } from '../../copy/pull.js';
import type { CopyEvent } from '../../copy/types.js';
import { JSONProgressWriter } from '../output/json-progress.js';
import { transferReference } from '../transfer-reference.js';
import { DAEMON_PREFIX, reportDaemonError } from '../output/daemon-errors.js';

interface PullFlags {
  allTags?: boolean;
  quiet?: boolean;
  platform?: string;
}

const shortID = (d: Digest) => hex(d).slice(0, 12);

/** Turns copy events into Docker's pull lines; byte progress redrawn at most every 100 ms per layer. */
export function pullDisplay(out: JSONProgressWriter): (e: CopyEvent) => void {
  const last = new Map<string, number>();
  return (e) => {
    if (e.type === 'manifest' || e.type === 'resolved') return;
    const id = shortID(e.desc.digest);
    switch (e.type) {
      case 'layer-skip':
        return out.update(id, 'Already exists');
      case 'layer-pending':
        return out.update(id, 'Pulling fs layer');
      case 'layer-wait':
        return out.update(id, 'Waiting');
      case 'layer-progress': {
        const now = Date.now();
        if (e.current < e.total && now - (last.get(id) ?? 0) < 100) return;
        last.set(id, now);
        return out.update(id, 'Downloading', { current: e.current, total: e.total });
      }
      case 'layer-read':
        out.update(id, 'Verifying Checksum');
        return out.update(id, 'Download complete');
      case 'layer-done':
        return out.update(id, 'Pull complete');
    }
  };
}

/** Pulls one reference with Docker's lines around the layers' (`Pulling from …`, then `Digest: …`). */
export async function pullShown(
  store: Store,
  session: RegistrySession,
  r: Reference,
  display: JSONProgressWriter | null,
  onLayer: (e: CopyEvent) => void,
  opts: { platform?: Platform; onManifest?: () => void } = {},
): Promise<Awaited<ReturnType<typeof pullImage>>> {
  const result = await pullImage(store, session, r, {
    platform: opts.platform,
    onEvent: (e) => {
      if (e.type === 'manifest') {
        opts.onManifest?.();
        display?.message(`Pulling from ${r.path}`, r.digest ? r.familiar() : r.tag);
      }
      onLayer(e);
    },
  });
  display?.message(`Digest: ${result.topDigest}`);
  return result;
}

export async function run(ctx: Context, [name]: unknown[], opts: PullFlags): Promise<number | void> {
  const ref = transferReference(ctx, name as string, opts);
  if (typeof ref === 'number') return ref;
  let platform;
  const display = opts.quiet ? null : new JSONProgressWriter(ctx.stdout, ctx.isTTY);
  let streamed = false;
  try {
    if (opts.platform) platform = parsePlatform(opts.platform);
    const store = await ctx.openStore();
    await using session = await RegistrySession.open();
    const refs = opts.allTags ? (await listRemoteTags(session, ref)).map((t) => ref.withTag(t)) : [ref];
    const onLayer = display ? pullDisplay(display) : () => {};
    let downloaded = false;
    for (const r of refs) {
      const result = await pullShown(store, session, r, display, onLayer, { platform, onManifest: () => (streamed = true) });
      downloaded ||= result.layersCopied > 0;
    }
    const named = opts.allTags ? ref.familiarName : ref.familiar();
    display?.message(`Status: ${downloaded ? 'Downloaded newer image' : 'Image is up to date'} for ${named}`);
    ctx.line(opts.allTags ? ref.name : ref.toString());
  } catch (e) {
    return reportDaemonError(e, streamed ? '' : DAEMON_PREFIX, ctx.opts.debug);
  }
}
