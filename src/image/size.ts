// An image's size as Docker reports it: the sum of its layers' sizes along the chain.

import type { Store } from '../store/store.js';
import type { ImageRecord } from './store.js';

export async function imageSize(store: Store, rec: ImageRecord): Promise<number> {
  let total = 0;
  for (const c of rec.layers) total += (await store.layers.get(c))?.size ?? 0;
  return total;
}
