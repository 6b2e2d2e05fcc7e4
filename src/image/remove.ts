// `rmi`: untag, and delete an image once nothing names it, freeing the layers and blobs no other image uses and
// then untagged parents nothing else needs (moby daemon/images/image_delete.go, in its observable behaviour).

import type { Store } from '../store/store.js';
import { BerthError } from '../errors.js';
import type { Digest } from '../digest/digest.js';
import { parseNormalizedNamed } from '../reference/normalize.js';
import { findImage, noSuchImage } from './resolve.js';
import { mark, sweepChain } from './gc.js';
import type { ImageRecord } from './store.js';
import { imageUser } from '../container/refs.js';
import { crashPoint } from '../lock/crash-point.js';

export interface RemoveEvent {
  kind: 'Untagged' | 'Deleted';
  value: string;
}

export interface ImageUser {
  container: string;
  running: boolean;
}

export interface RemoveOptions {
  force?: boolean;
  noPrune?: boolean;
  /**
   * The container using an image, if any: such images can't be deleted without force, nor at all while the
   * container runs. Defaults to looking at the store's containers.
   */
  inUse?: (id: Digest) => Promise<ImageUser | null>;
}

function familiar(full: string): string {
  return parseNormalizedNamed(full).familiar();
}

function repoOf(full: string): string {
  return parseNormalizedNamed(full).name;
}

const short = (id: Digest) => id.slice(7, 19);

export async function removeImage(store: Store, refOrID: string, opts: RemoveOptions = {}): Promise<RemoveEvent[]> {
  // Docker's rmi names the image as it was typed: `No such image: nope` (not `nope:latest`).
  const target = await findImage(store, refOrID);
  const inUse = opts.inUse ?? ((id: Digest) => imageUser(store, id));
  if (!target) throw noSuchImage(refOrID);
  return store.commit(async (tx) => {
    const refs = { ...(await store.images.tags(true)) };
    const rec = await store.images.get(target.id);
    if (!rec) throw new BerthError('NOT_FOUND', `No such image: ${refOrID}`);
    const events: RemoveEvent[] = [];
    const images = await store.images.list();
    const tags = Object.keys(refs).filter((r) => refs[r] === rec.id).sort();
    const children = images.filter((i) => i.parent === rec.id);

    if (target.ref) {
      const named = target.ref.toString();
      if (target.ref.digest) rec.repoDigests = rec.repoDigests.filter((d) => d !== named);
      else delete refs[named];
      events.push({ kind: 'Untagged', value: target.ref.familiar() });
      const left = tags.filter((t) => t !== named).length + (target.ref.digest ? rec.repoDigests.length : 0);
      const lastUser = left > 0 || children.length > 0 ? null : await inUse(rec.id);
      if (lastUser && !opts.force)
        throw new BerthError(
          'CONFLICT',
          `conflict: unable to remove repository reference "${refOrID}" (must force) - container ${lastUser.container.slice(0, 12)} is using its referenced image ${short(rec.id)}`,
        );
      if (left > 0 || children.length > 0 || lastUser?.running) {
        await store.images.writeTags(refs);
        if (target.ref.digest) await store.images.put(rec);
        return events;
      }
    } else {
      if (children.length > 0)
        throw new BerthError('CONFLICT', `conflict: unable to delete ${short(rec.id)} (cannot be forced) - image has dependent child images`);
      const repos = new Set(tags.map(repoOf));
      if (repos.size > 1 && !opts.force)
        throw new BerthError('CONFLICT', `conflict: unable to delete ${short(rec.id)} (must be forced) - image is referenced in multiple repositories`);
    }
    const user = target.ref ? null : await inUse(rec.id);
    if (user?.running)
      throw new BerthError('CONFLICT', `conflict: unable to delete ${short(rec.id)} (cannot be forced) - image is being used by running container ${user.container.slice(0, 12)}`);
    if (user && !opts.force)
      throw new BerthError('CONFLICT', `conflict: unable to delete ${short(rec.id)} (must be forced) - image is being used by stopped container ${user.container.slice(0, 12)}`);
    if (!target.ref) {
      for (const t of tags) {
        delete refs[t];
        events.push({ kind: 'Untagged', value: familiar(t) });
      }
    }
    for (const d of rec.repoDigests) events.push({ kind: 'Untagged', value: familiar(d) });
    await tx.intend('images', [rec.id]);
    await store.images.writeTags(refs);
    let remaining = images;
    for (let cur: ImageRecord | undefined = rec; cur; ) {
      // If this is cut short, recovery finishes it: the untagged image and the layers no image uses go.
      await tx.intend('images', [cur.id]);
      await tx.intend('layers', cur.layers);
      await tx.intend('blobs', [cur.id, ...(cur.manifests ?? [])]);
      remaining = remaining.filter((i) => i.id !== cur!.id);
      await store.images.delete(cur.id);
      crashPoint('image-removed');
      events.push({ kind: 'Deleted', value: cur.id });
      const marks = await mark(store, remaining);
      for (const l of await sweepChain(store, cur.layers, marks)) events.push({ kind: 'Deleted', value: l });
      for (const b of [cur.id, ...(cur.manifests ?? [])]) if (!marks.blobs.has(b)) await store.content.delete(b);
      cur = opts.noPrune ? undefined : await prunableParent(cur, remaining, refs);
    }
    return events;
  });
}

/** An untagged parent that no other image builds on is deleted with its last child. */
async function prunableParent(
  child: ImageRecord,
  remaining: ImageRecord[],
  refs: Record<string, Digest>,
): Promise<ImageRecord | undefined> {
  if (!child.parent) return undefined;
  const parent = remaining.find((i) => i.id === child.parent);
  if (!parent) return undefined;
  if (Object.values(refs).includes(parent.id) || parent.repoDigests.length) return undefined;
  if (remaining.some((i) => i.parent === parent.id)) return undefined;
  return parent;
}
