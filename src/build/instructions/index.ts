// The instruction table: keyword → handler (FROM is handled by the builder when a stage starts).

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
import { workdir } from './workdir.js';
import { run } from './run.js';
import { copy } from './copy.js';

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
