// RUN command (shell form, wrapped in SHELL) or RUN ["exec", "form"]: runs in a container on the current image
// with the build args in its environment and commits its writable layer. The cache key is the command, prefixed
// `|N K=V…` with the build args in use, as Docker writes it.

import type { Step } from '../builder.js';
import { BuildStepError } from '../builder.js';
import { BerthError } from '../../errors.js';
import { parseJSONForm } from '../parse-words.js';
import { copyConfig, envOf, shellOf } from '../state.js';
import { commitStep } from '../commit-step.js';

export async function run({ builder: b, state, ins }: Step): Promise<void> {
  const json = parseJSONForm(ins.args);
  // `RUN` alone is the shell alone (`/bin/sh -c`, which then fails as Docker's does).
  const argv = json ?? [...shellOf(state.runConfig), ...(ins.args.trim() ? [ins.args] : [])];
  const env = envOf(state.runConfig);
  const buildEnv = b.args.filterAllowed(env);
  const keyed = buildEnv.filter((e) => !b.args.isUnreferencedBuiltin(e.split('=')[0])).sort();
  // Prefixed whenever build args reach the environment, with only the ones that count (`|0` for proxies alone).
  const saveCmd = buildEnv.length ? [`|${keyed.length}`, ...keyed, ...argv] : argv;
  const probe = { ...copyConfig(state.runConfig), Cmd: saveCmd, Entrypoint: null };
  if (await b.fromCache(state, probe)) return;
  const backend = b.opts.runBackend;
  if (!backend) {
    throw new BerthError('FAILED_PRECONDITION', 'RUN needs the container runtime, which this berth build does not include yet');
  }
  const config = {
    ...copyConfig(state.runConfig),
    Cmd: argv,
    Entrypoint: null,
    Env: [...env, ...buildEnv],
    Healthcheck: { Test: ['NONE'] },
  };
  const container = await backend.create({
    image: state.imageID,
    parentChainID: state.chain.length ? state.chain[state.chain.length - 1] : null,
    config,
    network: b.opts.network ?? 'default',
  });
  b.out.runningIn(container.id);
  // Docker's builder removes a step's container once the step succeeded (unless --rm=false), and a failed step's
  // only with --force-rm.
  let succeeded = false;
  try {
    const exitCode = await container.run(b.out.stream, b.out.errStream);
    if (exitCode !== 0) {
      throw new BuildStepError(`The command '${argv.join(' ')}' returned a non-zero code: ${exitCode}`, exitCode);
    }
    const staging = await b.staging();
    const layer = await container.stageLayer(staging, { keep: b.opts.keepContainers });
    await commitStep(b.store, staging, b.cache, state, { config: state.runConfig, containerConfig: probe, container: container.id, layer: layer ?? undefined });
    succeeded = true;
  } finally {
    if ((succeeded && !b.opts.keepContainers) || b.opts.forceRm) {
      await container.remove();
      b.out.removing(container.id);
    }
  }
}
