// SHELL ["executable", "args"]: the shell that shell-form RUN, CMD and ENTRYPOINT use (JSON form only).

import type { Step } from '../builder.js';
import { BerthError } from '../../errors.js';
import { parseJSONForm } from '../parse-words.js';
import { goSlice } from '../go-quote.js';

export async function shell({ builder: b, state, ins }: Step): Promise<void> {
  const s = parseJSONForm(ins.args);
  // JSON form with one word at least: check-instructions.ts saw to it
  if (!s) throw new BerthError('INTERNAL', 'SHELL without its JSON form');
  state.runConfig = { ...state.runConfig, Shell: s };
  await b.commitConfig(state, `SHELL ${goSlice(s)}`);
}
