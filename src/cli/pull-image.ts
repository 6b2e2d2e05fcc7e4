// Pulling an image that a command needs and doesn't have (`run`, `create`, `build`'s FROM), with Docker's pull
// lines on the given stream; the registry code loads only when a pull happens.

import type { Writable } from 'node:stream';
import type { Digest } from '../digest/digest.js';
import type { Store } from '../store/store.js';
import { parseNormalizedNamed, tagNameOnly } from '../reference/normalize.js';

export async function pullWithProgress(store: Store, name: string, out: Writable, tty: boolean): Promise<Digest> {
  const [{ RegistrySession }, { pullDisplay, pullShown }, { JSONProgressWriter }] = await Promise.all([
    import('../transport/registry/session.js'),
    import('./commands/pull.js'),
    import('./output/json-progress.js'),
  ]);
  const ref = tagNameOnly(parseNormalizedNamed(name));
  const display = new JSONProgressWriter(out, tty);
  await using session = await RegistrySession.open();
  const result = await pullShown(store, session, ref, display, pullDisplay(display));
  display.message(`Status: ${result.layersCopied > 0 ? 'Downloaded newer image' : 'Image is up to date'} for ${ref.familiar()}`);
  return result.id;
}
