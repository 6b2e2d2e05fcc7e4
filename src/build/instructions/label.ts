// LABEL key=value …: adds labels to the config (keys and values expanded).

import type { Step } from '../builder.js';
import { BerthError } from '../../errors.js';
import { parseNameVal } from '../parse-words.js';

export async function label({ builder: b, state, ins }: Step): Promise<void> {
  const pairs = parseNameVal(ins.args, 'LABEL', b.escape).map((p) => ({ key: b.expand(state, p.key), value: b.expand(state, p.value) }));
  const labels = { ...((state.runConfig.Labels as Record<string, string> | null) ?? {}) };
  for (const { key, value } of pairs) {
    if (!key) throw new BerthError('INVALID_ARGUMENT', 'LABEL names can not be blank');
    labels[key] = value;
  }
  state.runConfig = { ...state.runConfig, Labels: labels };
  await b.commitConfig(state, `LABEL ${pairs.map((p) => `${p.key}=${p.value}`).join(' ')}`);
}
