// SHELL ["executable", "args"]: the shell that shell-form RUN, CMD and ENTRYPOINT use (JSON form only).

import type { Step } from '../builder.js';
import { BerthError } from '../../errors.js';
import { parseJSONForm } from '../parse-words.js';
import { goSlice } from '../go-quote.js';

export async function shell({ builder: b, state, ins }: Step): Promise<void> {
  const s = parseJSONForm(ins.args);
  if (!s) throw new BerthError('INVALID_ARGUMENT', 'SHELL requires the arguments to be in JSON form');
  if (s.length === 0) throw new BerthError('INVALID_ARGUMENT', 'SHELL requires at least one argument');
  state.runConfig = { ...state.runConfig, Shell: s };
  await b.commitConfig(state, `SHELL ${goSlice(s)}`);
}
