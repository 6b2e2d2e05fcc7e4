// WORKDIR path: sets the working directory (relative paths join the current one) and, as Docker does, creates it
// in a new layer when it does not exist yet (an existing directory gives an empty layer).

import type { Step } from '../builder.js';
import { BerthError } from '../../errors.js';
import { posix } from 'node:path';
import { withCmdCommentString } from '../state.js';

export async function workdir({ builder: b, state, ins }: Step): Promise<void> {
  const requested = b.expand(state, ins.args);
  if (!requested) throw new BerthError('INVALID_ARGUMENT', 'cannot normalize nothing');
  const current = (state.runConfig.WorkingDir as string) || '/';
  const wd = requested.startsWith('/') ? requested : posix.join('/', current, requested);
  state.runConfig = { ...state.runConfig, WorkingDir: wd };
  const probe = withCmdCommentString(state.runConfig, `WORKDIR ${wd}`);
  if (await b.fromCache(state, probe)) return;
  // Layer writing is loaded only on a cache miss.
  const [{ ImageFS }, { LayerPlan }] = await Promise.all([import('../image-fs.js'), import('../layer-plan.js')]);
  const plan = new LayerPlan(ImageFS.forChain(b.store, state.chain), { uid: 0, gid: 0 });
  const dir = await plan.resolveDir(wd);
  let layer;
  if (await plan.missingDirs(dir)) {
    await plan.ensureDir(dir);
    layer = await plan.write(b.store, await b.staging());
  }
  await b.commitWithContainer(state, probe, layer);
}
