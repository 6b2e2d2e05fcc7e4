// STOPSIGNAL signal: the signal `stop` sends (a name such as SIGTERM, TERM, or a number).

import type { Step } from '../builder.js';
import { BerthError } from '../../errors.js';
import { constants } from 'node:os';

export async function stopsignal({ builder: b, state, ins }: Step): Promise<void> {
  const sig = b.expand(state, ins.args);
  const name = sig.toUpperCase().startsWith('SIG') ? sig.toUpperCase() : `SIG${sig.toUpperCase()}`;
  const n = Number(sig);
  if (!(/^[0-9]+$/.test(sig) && n > 0) && !(name in constants.signals) && !/^SIGRTM(IN|AX)([+-][0-9]+)?$/.test(name)) {
    throw new BerthError('INVALID_ARGUMENT', `Invalid signal: ${sig}`);
  }
  state.runConfig = { ...state.runConfig, StopSignal: sig };
  await b.commitConfig(state, `STOPSIGNAL ${sig}`);
}
