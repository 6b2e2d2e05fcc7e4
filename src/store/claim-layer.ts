// Claiming a stored layer for work in flight: under the store lock, so a concurrent rmi's sweep either finished
// before (the layer is gone: the caller makes its own copy) or sees the claim and keeps the layer.

import type { Store } from './store.js';
import type { Staging } from '../lock/staging.js';
import type { Digest } from '../digest/digest.js';

/**
 * Whether the store has layer `chainID` (and, if given, blob `blob`); if so both are kept for the rest of
 * `staging`'s work, with every layer below.
 */
export async function claimStoredLayer(store: Store, staging: Staging, chainID: Digest, blob?: Digest): Promise<boolean> {
  return store.lock.withExclusive(async () => {
    const chain = await store.layers.chain(chainID).catch(() => []);
    if (chain.length === 0 || chain[chain.length - 1].chainID !== chainID) return false;
    if (blob && !(await store.content.has(blob))) return false;
    await staging.protect(...chain.map((l) => l.chainID), ...(blob ? [blob] : []));
    return true;
  });
}
