// ONBUILD INSTRUCTION …: stores a trigger that runs when another build uses this image in FROM (which triggers are
// allowed is checked with the Dockerfile: check-instructions.ts).

import type { Step } from '../builder.js';

export async function onbuild({ builder: b, state, ins }: Step): Promise<void> {
  const trigger = ins.args.trim();
  state.runConfig = { ...state.runConfig, OnBuild: [...((state.runConfig.OnBuild as string[] | null) ?? []), trigger] };
  await b.commitConfig(state, `ONBUILD ${trigger}`);
}
