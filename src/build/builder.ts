// The classic builder's main loop: meta ARGs, then each stage up to --target, one instruction at a time (expand,
// probe the cache, run or copy or edit the config, commit), with Docker's step output; tags only at the very end,
// so a failed build leaves nothing tagged. Instruction handlers live in instructions/, one file each.

import type { Store } from '../store/store.js';
import type { Staging } from '../lock/staging.js';
import type { StagingOnDemand } from './staging-on-demand.js';
import type { Digest } from '../digest/digest.js';
import type { ImageConfig } from '../oci/types.js';
import { BerthError } from '../errors.js';
import { chainIDs } from '../digest/digest.js';
import { parseNormalizedNamed, tagNameOnly } from '../reference/normalize.js';
import type { Instruction, ParsedDockerfile, Stage } from './dockerfile.js';
import { BuildArgs } from './build-args.js';
import { BuildCache } from './cache.js';
import { BuildOutput, shortID } from './output.js';
import type { BuildContext } from './context.js';
import type { RunBackend } from './run-backend.js';
import { processWord, processWords } from './expand.js';
import { envOf, type BuildState } from './state.js';
import { commitStep, newContainerID, useCached, type StepCommit } from './commit-step.js';
import { withCmdComment, copyConfig, type RunConfig } from './state.js';
import { parseNameOrNameVal } from './parse-words.js';
import { HANDLERS } from './instructions/index.js';

export interface BuildOptions {
  dockerfile: ParsedDockerfile;
  context: BuildContext | null;
  tags: string[];
  buildArgs: string[];
  labels: string[];
  target?: string;
  noCache?: boolean;
  pull?: boolean;
  network?: string;
  /** Remove a failed RUN step's container too (Docker keeps it for inspection unless --force-rm). */
  forceRm?: boolean;
  /** `--rm=false`: keep the containers of successful RUN steps. */
  keepContainers?: boolean;
  out: BuildOutput;
  runBackend?: RunBackend;
  /** Fetches an image missing from the store (FROM, COPY --from); absent when berth has no registry client. */
  pullImage?: (ref: string) => Promise<Digest>;
}

export interface BuildResult {
  id: Digest;
  tags: string[];
}

/** The build was refused before any step ran (Docker's daemon answers it as an error response). */
export class BuildRequestError extends BerthError {}

/** A step failed in a way Docker reports raw (no `Error:` prefix) with its own exit code. */
export class BuildStepError extends BerthError {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super('FAILED_PRECONDITION', message);
  }
}

export interface Step {
  builder: Builder;
  state: BuildState;
  ins: Instruction;
}

export class Builder {
  readonly cache: BuildCache;
  readonly args: BuildArgs;
  readonly stages: BuildState[] = [];
  readonly escape: string;

  constructor(
    readonly store: Store,
    readonly stagingArea: StagingOnDemand,
    readonly opts: BuildOptions,
  ) {
    this.cache = new BuildCache(store, !!opts.noCache);
    this.args = BuildArgs.fromFlags(opts.buildArgs);
    this.escape = opts.dockerfile.escape;
  }

  /** The build's staging area (made on first use). */
  staging(): Promise<Staging> {
    return this.stagingArea.get();
  }

  get out(): BuildOutput {
    return this.opts.out;
  }

  /** The env words expand against: the config's Env, then declared build args it does not override. */
  env(state: BuildState): string[] {
    const env = envOf(state.runConfig);
    return [...env, ...this.args.filterAllowed(env)];
  }

  expand(state: BuildState, word: string): string {
    return processWord(word, this.env(state), this.escape);
  }

  expandWords(state: BuildState, word: string): string[] {
    return processWords(word, this.env(state), this.escape);
  }

  /** A cache hit for the step `probe` describes becomes the state's image (` ---> Using cache`); false on a miss. */
  async fromCache(state: BuildState, probe: RunConfig): Promise<boolean> {
    const hit = await this.cache.probe(state.imageID, probe);
    if (!hit) return false;
    this.out.usingCache();
    useCached(state, hit.id, hit.config, hit.chain);
    return true;
  }

  /** Commits a config-only step (ENV, CMD, …) as Docker does: probe, else a container-made image with an empty layer. */
  async commitConfig(state: BuildState, comment: string): Promise<void> {
    const probe = withCmdComment(state.runConfig, comment);
    if (await this.fromCache(state, probe)) return;
    await this.commitWithContainer(state, probe);
  }

  /** A miss for a step Docker runs through a container: Running in / Removing lines, Hostname and Labels as the daemon sets them. */
  async commitWithContainer(state: BuildState, probe: RunConfig, layer?: StepCommit['layer']): Promise<void> {
    const container = newContainerID();
    this.out.runningIn(container);
    const containerConfig = { ...copyConfig(probe), Hostname: container.slice(0, 12), Labels: probe.Labels ?? {} };
    await commitStep(this.store, await this.staging(), this.cache, state, { config: state.runConfig, containerConfig, container, layer });
    this.out.removing(container);
  }

  /** Looks up an image by reference or ID, pulling it when missing (or always with --pull). */
  async image(ref: string, forcePull = false): Promise<{ id: Digest; config: ImageConfig }> {
    const { findImage } = await import('../image/resolve.js');
    const canPull = !!this.opts.pullImage;
    let id = forcePull && canPull ? null : ((await findImage(this.store, ref))?.id ?? null);
    if (!id) {
      if (!this.opts.pullImage) throw new BerthError('NOT_FOUND', `No such image: ${displayRef(ref)}`);
      id = await this.opts.pullImage(ref);
    }
    const config = JSON.parse((await this.store.content.read(id)).toString('utf8')) as ImageConfig;
    return { id, config };
  }

  /** The stage a `--from` or FROM names (by name, or by index for --from). */
  stageNamed(name: string, allowIndex: boolean, before: number): BuildState | null {
    const lower = name.toLowerCase();
    for (let i = 0; i < Math.min(before, this.stages.length); i++) if (this.stages[i].stageName === lower) return this.stages[i];
    if (allowIndex && /^[0-9]+$/.test(name)) {
      const i = Number(name);
      if (i >= before) throw new BerthError('INVALID_ARGUMENT', `invalid from flag value ${name}: refers to current build stage`);
      return this.stages[i] ?? null;
    }
    return null;
  }

  /** Runs one instruction (also ONBUILD triggers, which have no Step line). */
  async dispatch(state: BuildState, ins: Instruction): Promise<void> {
    const handler = HANDLERS[ins.keyword];
    if (!handler) throw new BerthError('INVALID_ARGUMENT', `unknown instruction: ${ins.keyword}`);
    await handler({ builder: this, state, ins });
  }

  async build(): Promise<BuildResult> {
    const df = this.opts.dockerfile;
    const tags = this.opts.tags.map((t) => tagNameOnly(parseNormalizedNamed(t)));
    for (const t of tags) if (t.digest) throw new BerthError('INVALID_ARGUMENT', 'refusing to create a tag with a digest reference');
    let stages: Stage[] = df.stages;
    if (this.opts.target) {
      const i = stages.findIndex((s) => s.name === this.opts.target!.toLowerCase());
      if (i < 0) throw new BuildRequestError('INVALID_ARGUMENT', `failed to reach build target ${this.opts.target} in Dockerfile`);
      stages = stages.slice(0, i + 1);
    }
    const labels = this.labelPairs();
    const total = df.metaArgs.length + stages.reduce((n, s) => n + 1 + s.instructions.length, 0) + labels.length;
    let n = 0;
    for (const ins of df.metaArgs) {
      this.out.step(++n, total, ins.original);
      for (const { key, value } of parseNameOrNameVal(ins.args, this.escape)) {
        this.args.addMetaArg(key, value === null ? null : processWord(value, this.args.meta(), this.escape));
      }
    }
    let state: BuildState | null = null;
    for (const stage of stages) {
      const last = stage === stages[stages.length - 1];
      if (stage.name && this.stages.some((s) => s.stageName === stage.name)) {
        throw new BerthError('INVALID_ARGUMENT', `${stage.name} stage name already used`);
      }
      this.out.step(++n, total, stage.from.original);
      state = await this.from(stage);
      this.out.arrow(state.imageID);
      for (const ins of stage.instructions) {
        this.out.step(++n, total, ins.original);
        await this.dispatch(state, ins);
        this.out.arrow(state.imageID);
      }
      // --label: one unexpanded LABEL step per key, sorted, at the end of the last stage (Docker's buildLabelOptions).
      for (const [key, value] of last ? labels : []) {
        this.out.step(++n, total, `LABEL ${key}=${value}`);
        state.runConfig = { ...state.runConfig, Labels: { ...((state.runConfig.Labels as Record<string, string> | null) ?? {}), [key]: value } };
        await this.commitConfig(state, `LABEL ${key}=${value}`);
        this.out.arrow(state.imageID);
      }
      this.stages.push(state);
    }
    if (!state?.imageID) throw new BerthError('INVALID_ARGUMENT', 'No image was generated. Is your Dockerfile empty?');
    const unused = this.args.unused();
    if (unused.length) this.out.line(`[Warning] One or more build-args [${unused.join(' ')}] were not consumed`);
    const id = state.imageID;
    this.out.line(`Successfully built ${shortID(id)}`);
    const { tagImage } = await import('../image/tag.js');
    for (const t of tags) {
      await tagImage(this.store, id, t.toString());
      this.out.line(`Successfully tagged ${t.familiar()}`);
    }
    return { id, tags: tags.map((t) => t.toString()) };
  }

  /** The --label flags as key/value pairs, sorted by key; a later flag for a key wins, `k` alone is `k=`. */
  private labelPairs(): [string, string][] {
    const map = new Map<string, string>();
    for (const l of this.opts.labels) {
      const i = l.indexOf('=');
      if (i < 0) map.set(l, '');
      else map.set(l.slice(0, i), l.slice(i + 1));
    }
    return [...map.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  private async from(stage: Stage): Promise<BuildState> {
    const { fromStage } = await import('./instructions/from.js');
    const state = await fromStage(this, stage);
    const triggers = (state.runConfig.OnBuild as string[] | null) ?? [];
    if (triggers.length) {
      state.runConfig = { ...state.runConfig, OnBuild: null };
      this.out.line(`# Executing ${triggers.length} build trigger${triggers.length === 1 ? '' : 's'}`);
      const { parseInstructions } = await import('./dockerfile.js');
      for (const t of triggers) {
        for (const ins of parseInstructions(t).instructions) await this.dispatch(state, ins);
      }
    }
    return state;
  }
}

export function displayRef(ref: string): string {
  try {
    return tagNameOnly(parseNormalizedNamed(ref)).familiar();
  } catch {
    return ref;
  }
}

export function chainOf(config: ImageConfig): Digest[] {
  return chainIDs(config.rootfs?.diff_ids ?? []);
}
