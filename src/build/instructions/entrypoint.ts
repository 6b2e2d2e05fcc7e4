// ENTRYPOINT ["exec", "form"] or shell form; an inherited CMD is dropped unless this stage set one.

import type { Step } from '../builder.js';
import { parseJSONForm } from '../parse-words.js';
import { goQuoteSlice } from '../go-quote.js';
import { shellOf } from '../state.js';

export async function entrypoint({ builder: b, state, ins }: Step): Promise<void> {
  const json = parseJSONForm(ins.args);
  const ep = json ?? (ins.args === '' ? null : [...shellOf(state.runConfig), ins.args]);
  state.runConfig = { ...state.runConfig, Entrypoint: ep };
  if (!state.cmdSet) state.runConfig.Cmd = null;
  await b.commitConfig(state, `ENTRYPOINT ${goQuoteSlice(ep ?? [])}`);
}
