// The instruction table: keyword → handler (FROM is handled by the builder when a stage starts). RUN, COPY/ADD and
// WORKDIR load their modules (containers, layer writing, xattrs) on first use: a build whose steps all hit the cache, or
// that has no RUN, never loads them.

import type { Step } from '../builder.js';
import { env } from './env.js';
import { label } from './label.js';
import { arg } from './arg.js';
import { expose } from './expose.js';
import { user } from './user.js';
import { volume } from './volume.js';
import { cmd } from './cmd.js';
import { entrypoint } from './entrypoint.js';
import { shell } from './shell.js';
import { stopsignal } from './stopsignal.js';
import { healthcheck } from './healthcheck.js';
import { onbuild } from './onbuild.js';
import { maintainer } from './maintainer.js';

const run = async (step: Step) => (await import('./run.js')).run(step);
const workdir = async (step: Step) => (await import('./workdir.js')).workdir(step);
const copy = async (step: Step) => (await import('./copy.js')).copy(step);

export const HANDLERS: Record<string, (step: Step) => Promise<void>> = {
  ENV: env,
  LABEL: label,
  ARG: arg,
  EXPOSE: expose,
  USER: user,
  VOLUME: volume,
  CMD: cmd,
  ENTRYPOINT: entrypoint,
  SHELL: shell,
  STOPSIGNAL: stopsignal,
  HEALTHCHECK: healthcheck,
  ONBUILD: onbuild,
  MAINTAINER: maintainer,
  WORKDIR: workdir,
  RUN: run,
  COPY: copy,
  ADD: copy,
};
