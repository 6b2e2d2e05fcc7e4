// ARG name[=default] inside a stage: declares build args for the rest of the stage (default expanded); Docker's
// classic builder commits it as a config-only step.

import type { Step } from '../builder.js';
import { parseNameOrNameVal } from '../parse-words.js';

export async function arg({ builder: b, state, ins }: Step): Promise<void> {
  const args = parseNameOrNameVal(ins.args, b.escape);
  const parts: string[] = [];
  for (const { key, value } of args) {
    const v = value === null ? null : b.expand(state, value);
    b.args.addArg(key, v);
    parts.push(v === null ? key : `${key}=${v}`);
  }
  await b.commitConfig(state, `ARG ${parts.join(' ')}`);
}
