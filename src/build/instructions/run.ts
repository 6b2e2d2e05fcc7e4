// RUN command (shell form, wrapped in SHELL) or RUN ["exec", "form"]: runs in a container on the current image
// with the build args in its environment and commits its writable layer. The cache key is the command, prefixed
// `|N K=V…` with the build args in use, as Docker writes it.

import type { Step } from '../builder.js';
import { BuildStepError } from '../builder.js';
import { BerthError } from '../../errors.js';
import { parseJSONForm } from '../parse-words.js';
import { copyConfig, envOf, shellOf } from '../state.js';
import { commitStep, newContainerID, useCached } from '../commit-step.js';

export async function run({ builder: b, state, ins }: Step): Promise<void> {
  const json = parseJSONForm(ins.args);
  const argv = json ?? [...shellOf(state.runConfig), ins.args];
  const env = envOf(state.runConfig);
  const buildEnv = b.args.filterAllowed(env);
  const keyed = buildEnv.filter((e) => !b.args.isUnreferencedBuiltin(e.split('=')[0])).sort();
  const saveCmd = keyed.length ? [`|${keyed.length}`, ...keyed, ...argv] : argv;
  const probe = { ...copyConfig(state.runConfig), Cmd: saveCmd, Entrypoint: null };
  const hit = await b.cache.probe(state.imageID, probe);
  if (hit) {
    b.out.usingCache();
    useCached(state, hit.id, hit.config);
    return;
  }
  const backend = b.opts.runBackend;
  if (!backend) {
    throw new BerthError('FAILED_PRECONDITION', 'RUN needs the container runtime, which this berth build does not include yet');
  }
  const id = newContainerID();
  b.out.runningIn(id);
  const config = {
    ...copyConfig(state.runConfig),
    Cmd: argv,
    Entrypoint: null,
    Env: [...env, ...buildEnv],
    Hostname: id.slice(0, 12),
    Healthcheck: { Test: ['NONE'] },
  };
  const result = await backend.run({
    id,
    parentChainID: state.chain.length ? state.chain[state.chain.length - 1] : null,
    config,
    network: b.opts.network ?? 'default',
    volumes: Object.keys((state.runConfig.Volumes as Record<string, object> | null) ?? {}),
    stdout: b.out.stream,
    stderr: b.out.stream,
    staging: b.staging,
  });
  if (result.exitCode !== 0) {
    throw new BuildStepError(`The command '${argv.join(' ')}' returned a non-zero code: ${result.exitCode}`, result.exitCode);
  }
  await commitStep(b.store, b.staging, b.cache, state, { config: state.runConfig, containerConfig: probe, container: id, layer: result.layer ?? undefined });
  b.out.removing(id);
}
