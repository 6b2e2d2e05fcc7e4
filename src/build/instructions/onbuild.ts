// ONBUILD INSTRUCTION …: stores a trigger that runs when another build uses this image in FROM.

import type { Step } from '../builder.js';
import { BerthError } from '../../errors.js';

export async function onbuild({ builder: b, state, ins }: Step): Promise<void> {
  const trigger = ins.args.trim();
  const kw = (trigger.split(/\s+/)[0] ?? '').toUpperCase();
  if (!kw) throw new BerthError('INVALID_ARGUMENT', 'ONBUILD requires at least one argument');
  if (kw === 'ONBUILD') throw new BerthError('INVALID_ARGUMENT', "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
  if (kw === 'MAINTAINER' || kw === 'FROM') throw new BerthError('INVALID_ARGUMENT', `${kw} isn't allowed as an ONBUILD trigger`);
  state.runConfig = { ...state.runConfig, OnBuild: [...((state.runConfig.OnBuild as string[] | null) ?? []), trigger] };
  await b.commitConfig(state, `ONBUILD ${trigger}`);
}
