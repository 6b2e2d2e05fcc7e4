// FROM: the stage's base — `scratch`, an earlier stage by name, or an image in the store (pulled when missing or
// with --pull); the name may use meta ARGs. Starts a new stage: build args reset, cache probing resumes.

import type { Builder } from '../builder.js';
import type { Stage } from '../dockerfile.js';
import { processWord } from '../expand.js';
import { splitFlags } from '../parse-words.js';
import { copyConfig, initialRunConfig, scratchImage, type BuildState } from '../state.js';
import { chainOf } from '../builder.js';
import { parsePlatform } from '../../oci/platform.js';

export async function fromStage(b: Builder, stage: Stage): Promise<BuildState> {
  const { flags, rest } = splitFlags(stage.from.args);
  const platform = flags.get('platform');
  if (typeof platform === 'string' && platform) parsePlatform(processWord(platform, b.args.meta(), b.escape));
  const name = processWord(rest.split(/\s+/)[0], b.args.meta(), b.escape);
  b.args.resetAllowed();
  b.cache.reset();
  const base = { maintainer: '', cmdSet: false, stageName: stage.name, stageIndex: stage.index };
  const prior = b.stageNamed(name, false, stage.index);
  if (prior) {
    return { ...base, imageID: prior.imageID, image: copyConfig(prior.image), chain: [...prior.chain], runConfig: initialRunConfig(prior.image) };
  }
  if (name.toLowerCase() === 'scratch') {
    const image = scratchImage();
    return { ...base, imageID: null, image, chain: [], runConfig: { ...initialRunConfig(image), Image: '' } };
  }
  const { id, config } = await b.image(name, !!b.opts.pull);
  const runConfig = { ...initialRunConfig(config), Image: id };
  return { ...base, imageID: id, image: config, chain: chainOf(config), runConfig };
}
