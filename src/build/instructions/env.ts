// ENV name=value … (or the legacy `ENV name value`): sets variables in the config, each value expanded with the
// environment as it was before the instruction.

import type { Step } from '../builder.js';
import { parseNameVal } from '../parse-words.js';
import { envOf } from '../state.js';
import { BerthError } from '../../errors.js';

export async function env({ builder: b, state, ins }: Step): Promise<void> {
  const pairs = parseNameVal(ins.args, 'ENV', b.escape).map((p) => ({ key: b.expand(state, p.key), value: b.expand(state, p.value) }));
  const list = [...envOf(state.runConfig)];
  const parts: string[] = [];
  for (const { key, value } of pairs) {
    if (!key) throw new BerthError('INVALID_ARGUMENT', 'ENV names can not be blank');
    const entry = `${key}=${value}`;
    parts.push(entry);
    const i = list.findIndex((e) => e.split('=')[0] === key);
    if (i >= 0) list[i] = entry;
    else list.push(entry);
  }
  state.runConfig = { ...state.runConfig, Env: list };
  await b.commitConfig(state, `ENV ${parts.join(' ')}`);
}
