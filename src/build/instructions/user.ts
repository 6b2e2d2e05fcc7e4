// USER name[:group]: the user later RUN steps and the container run as (expanded).

import type { Step } from '../builder.js';
import { BerthError } from '../../errors.js';

export async function user({ builder: b, state, ins }: Step): Promise<void> {
  if (!ins.args) throw new BerthError('INVALID_ARGUMENT', 'USER requires exactly one argument');
  const u = b.expand(state, ins.args);
  state.runConfig = { ...state.runConfig, User: u };
  await b.commitConfig(state, `USER ${u}`);
}
