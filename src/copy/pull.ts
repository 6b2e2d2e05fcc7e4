// pull: a registry repository → the local store through copyImage(). One reference at a time (a tag or a
// digest); `pull -a` is the CLI asking for every tag listRemoteTags() returns.

import type { Store } from '../store/store.js';
import type { Digest } from '../digest/digest.js';
import type { Platform } from '../oci/types.js';
import type { Reference } from '../reference/reference.js';
import type { RegistrySession } from '../transport/registry/session.js';
import { StoreDestination } from '../transport/store/destination.js';
import { copyImage } from './copy-image.js';
import type { CopyEvent, CopyResult } from './types.js';

export interface PullOptions {
  platform?: Platform;
  onEvent?: (e: CopyEvent) => void;
}

export interface PullResult extends CopyResult {
  id: Digest;
  ref: Reference;
}

export async function pullImage(store: Store, session: RegistrySession, ref: Reference, opts: PullOptions = {}): Promise<PullResult> {
  const known = async (d: Digest) => ((await store.content.has(d)) ? store.content.read(d) : null);
  await using src = await session.source(ref, known);
  await using dst = await StoreDestination.open(store, {
    tags: ref.digest ? [] : [ref.toString()],
    repoName: ref.name,
    sourceLocation: src.location,
  });
  const r = await copyImage(src, dst, {
    platform: opts.platform,
    concurrency: session.config.maxConcurrentDownloads,
    onEvent: opts.onEvent,
  });
  return { ...r, id: dst.result!.id, ref };
}

/** The repository's tags, for `pull -a`. */
export async function listRemoteTags(session: RegistrySession, ref: Reference): Promise<string[]> {
  await using src = await session.source(ref);
  return src.tags();
}
