// CMD ["exec", "form"] or CMD shell form (wrapped in the stage's SHELL): the default command.

import type { Step } from '../builder.js';
import { parseJSONForm } from '../parse-words.js';
import { goQuoteSlice } from '../go-quote.js';
import { shellOf } from '../state.js';

export async function cmd({ builder: b, state, ins }: Step): Promise<void> {
  const c = parseJSONForm(ins.args) ?? [...shellOf(state.runConfig), ins.args];
  state.runConfig = { ...state.runConfig, Cmd: c };
  await b.commitConfig(state, `CMD ${goQuoteSlice(c)}`);
  if (ins.args) state.cmdSet = true;
}
