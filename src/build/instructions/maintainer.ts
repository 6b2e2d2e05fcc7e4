// MAINTAINER name (deprecated): sets the image's author.

import type { Step } from '../builder.js';

export async function maintainer({ builder: b, state, ins }: Step): Promise<void> {
  state.maintainer = ins.args;
  await b.commitConfig(state, `MAINTAINER ${ins.args}`);
}
