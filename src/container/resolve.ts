// Finds the container a user means, in Docker's order: a full ID, then a name (with or without the leading
// slash), then an unambiguous ID prefix.

import type { Store } from '../store/store.js';
import { BerthError } from '../errors.js';
import type { Container } from './record.js';
import type { ContainerStore } from './store.js';

export function noSuchContainer(name: string): BerthError {
  return new BerthError('NOT_FOUND', `No such container: ${name}`);
}

export async function findContainer(cs: ContainerStore, nameOrID: string): Promise<Container | null> {
  if (!nameOrID) return null;
  if (/^[0-9a-f]{64}$/.test(nameOrID)) {
    const c = await cs.get(nameOrID);
    if (c) return c;
  }
  const bare = nameOrID.startsWith('/') ? nameOrID.slice(1) : nameOrID;
  if (bare && !bare.includes('/')) {
    const owner = await cs.nameOwner(bare);
    if (owner) return cs.get(owner);
  }
  if (/^[0-9a-f]+$/.test(nameOrID)) {
    const hits = (await cs.ids()).filter((id) => id.startsWith(nameOrID));
    if (hits.length > 1) throw new BerthError('INVALID_ARGUMENT', `Multiple IDs found with provided prefix: ${nameOrID}`);
    if (hits.length === 1) return cs.get(hits[0]);
  }
  return null;
}

/** The container named or identified by `nameOrID`, or Docker's `No such container: x`. */
export async function resolveContainer(store: Store, nameOrID: string): Promise<Container> {
  const c = await findContainer(store.containers, nameOrID);
  if (!c) throw noSuchContainer(nameOrID);
  return c;
}
