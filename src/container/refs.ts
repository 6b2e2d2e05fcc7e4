// What containers keep alive, for image removal and GC: each container's image ID and the top layer of the chain
// its writable layer sits on, and whether its process runs. Reads the records directly (no image imports).

import type { Store } from '../store/store.js';
import type { Digest } from '../digest/digest.js';

export interface ContainerRef {
  id: string;
  image: Digest;
  parentChainID: Digest | null;
  running: boolean;
}

export async function containerRefs(store: Store): Promise<ContainerRef[]> {
  return (await store.containers.list()).map((c) => ({
    id: c.id,
    image: c.image,
    parentChainID: c.parentChainID,
    running: c.state.status === 'running',
  }));
}

/** The container that uses image `id` (a running one first), for rmi's conflict messages. */
export async function imageUser(store: Store, id: Digest): Promise<{ container: string; running: boolean } | null> {
  const users = (await containerRefs(store)).filter((r) => r.image === id);
  const pick = users.find((u) => u.running) ?? users[0];
  return pick ? { container: pick.id, running: pick.running } : null;
}
