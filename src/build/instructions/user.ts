// USER name[:group]: the user later RUN steps and the container run as (expanded).

import type { Step } from '../builder.js';

export async function user({ builder: b, state, ins }: Step): Promise<void> {
  const u = b.expand(state, ins.args);
  state.runConfig = { ...state.runConfig, User: u };
  await b.commitConfig(state, `USER ${u}`);
}
