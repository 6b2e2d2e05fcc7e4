// VOLUME path … or VOLUME ["path", …]: declares volumes in the config.

import type { Step } from '../builder.js';
import { BerthError } from '../../errors.js';
import { parseJSONForm } from '../parse-words.js';
import { goSlice } from '../go-quote.js';

export async function volume({ builder: b, state, ins }: Step): Promise<void> {
  const raw = parseJSONForm(ins.args) ?? ins.args.split(/\s+/).filter(Boolean);
  const vols = raw.map((v) => b.expand(state, v));
  if (vols.length === 0) throw new BerthError('INVALID_ARGUMENT', 'VOLUME requires at least one argument');
  const set = { ...((state.runConfig.Volumes as Record<string, object> | null) ?? {}) };
  for (const v of vols) {
    if (v.trim() === '') throw new BerthError('INVALID_ARGUMENT', 'VOLUME specified can not be an empty string');
    set[v] = {};
  }
  state.runConfig = { ...state.runConfig, Volumes: set };
  await b.commitConfig(state, `VOLUME ${goSlice(vols)}`);
}
