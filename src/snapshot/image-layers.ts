// The image layers a writable layer sits on, as both drivers need them: the chain's layer directories, uppermost
// first, refused above Docker's depth limit with Docker's message.

import { existsSync } from 'node:fs';
import { joinPath } from '../sys/join-path.js';
import { hex, type Digest } from '../digest/digest.js';
import { BerthError } from '../errors.js';
import type { LayerStore } from '../layer/store.js';
import { MAX_LAYER_DEPTH } from './snapshotter.js';
import { readTextOrNull } from '../sys/read-text.js';

export function maxDepthExceeded(): BerthError {
  return new BerthError('FAILED_PRECONDITION', 'max depth exceeded');
}

export function missingLayer(chainID: Digest): BerthError {
  return new BerthError('NOT_FOUND', `layer ${chainID} does not exist`);
}

/**
 * The short links (`l/<26 chars>`) of the chain ending at `parent`, uppermost first, read from the top layer's own
 * `link` and `lower` files (what overlay mounts use), without reading the chain's records.
 */
export async function lowerLinks(layers: LayerStore, parent: Digest | null): Promise<string[]> {
  if (parent === null) return [];
  const home = layers.home(parent);
  // three small reads on the way to every container: on this thread, cheaper than trips through the thread pool
  const link = readTextOrNull(joinPath(home, 'link'));
  if (link === null || !existsSync(layers.recordPath(parent))) throw missingLayer(parent);
  const lower = readTextOrNull(joinPath(home, 'lower')) ?? '';
  const out = [`l/${link.trim()}`, ...lower.trim().split(':').filter(Boolean)];
  if (out.length > MAX_LAYER_DEPTH) throw maxDepthExceeded();
  return out;
}

/** The layer directories of the chain ending at `parent`, uppermost first. */
export async function layerDirs(layers: LayerStore, parent: Digest | null): Promise<string[]> {
  if (parent === null) return [];
  const chain = await layers.chain(parent).catch(() => {
    throw missingLayer(parent);
  });
  if (chain.length > MAX_LAYER_DEPTH) throw maxDepthExceeded();
  return chain.reverse().map((r) => joinPath(layers.driverDir, hex(r.chainID), 'diff'));
}
