// Finds the image a user means, as Docker does: a full or `sha256:` ID, a name (`:latest` implied), a
// `name@digest`, or failing those an unambiguous ID prefix.

import type { Store } from '../store/store.js';
import { BerthError } from '../errors.js';
import type { Digest } from '../digest/digest.js';
import { parseAnyReference, tagNameOnly } from '../reference/normalize.js';
import type { Reference } from '../reference/reference.js';

export interface ResolvedImage {
  id: Digest;
  /** The tag or digest reference the user named, when it was one. */
  ref?: Reference;
}

const SHORT_ID_RE = /^(sha256:)?[a-f0-9]{1,64}$/;

export function noSuchImage(name: string): BerthError {
  return new BerthError('NOT_FOUND', `No such image: ${name}`);
}

export async function findImage(store: Store, refOrID: string): Promise<ResolvedImage | null> {
  let parsed: Reference | Digest | null = null;
  let parseError: unknown = null;
  try {
    parsed = parseAnyReference(refOrID);
  } catch (e) {
    parseError = e;
  }
  if (typeof parsed === 'string') {
    if (await store.images.get(parsed)) return { id: parsed };
    return null;
  }
  if (parsed) {
    const ref = parsed.digest ? parsed : tagNameOnly(parsed);
    if (ref.digest) {
      const want = `${ref.name}@${ref.digest}`;
      for (const rec of await store.images.list()) if (rec.repoDigests.includes(want)) return { id: rec.id, ref };
    } else {
      const id = (await store.images.tags())[ref.toString()];
      if (id && (await store.images.get(id))) return { id, ref };
    }
  }
  if (SHORT_ID_RE.test(refOrID)) {
    const prefix = refOrID.replace(/^sha256:/, '');
    const hits = (await store.images.ids()).filter((id) => id.slice(7).startsWith(prefix));
    if (hits.length === 1) return { id: hits[0] };
    if (hits.length > 1) throw new BerthError('INVALID_ARGUMENT', `ambiguous image ID ${refOrID}: it matches ${hits.length} images`);
  }
  if (parseError) throw parseError;
  return null;
}

/** Like findImage, but a miss is Docker's `No such image: name:tag`. */
export async function resolveImage(store: Store, refOrID: string): Promise<ResolvedImage> {
  const r = await findImage(store, refOrID);
  if (r) return r;
  throw noSuchImage(displayName(refOrID));
}

function displayName(refOrID: string): string {
  try {
    const p = parseAnyReference(refOrID);
    if (typeof p === 'string') return refOrID;
    return (p.digest ? p : tagNameOnly(p)).familiar();
  } catch {
    return refOrID;
  }
}
