// `tag`: point a reference at an image (Docker's TagImage: digests refused, `:latest` implied).

import type { Store } from '../store/store.js';
import { BerthError } from '../errors.js';
import type { Digest } from '../digest/digest.js';
import { parseNormalizedNamed, tagNameOnly } from '../reference/normalize.js';
import { resolveImage } from './resolve.js';

export async function tagImage(store: Store, source: string, target: string): Promise<Digest> {
  const { id } = await resolveImage(store, source);
  const ref = parseNormalizedNamed(target);
  if (ref.digest) throw new BerthError('INVALID_ARGUMENT', 'refusing to create a tag with a digest reference');
  const full = tagNameOnly(ref).toString();
  // The tag names the image already (a rebuild whose every step came from the cache): only the tag time changes.
  if ((await store.images.tags(true))[full] === id && (await store.images.touchTagTime(id, new Date().toISOString()))) return id;
  await store.commit(async () => {
    const rec = await store.images.get(id);
    if (!rec) throw new BerthError('NOT_FOUND', `No such image: ${source}`);
    const refs = { ...(await store.images.tags(true)) };
    if (refs[full] !== id) {
      refs[full] = id;
      await store.images.writeTags(refs);
    }
    rec.lastTagTime = new Date().toISOString();
    await store.images.put(rec);
  });
  return id;
}
