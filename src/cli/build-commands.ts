// The build commands' table entries (build, builder build, builder prune), kept beside commands.ts.

import type { CommandSpec, OptionSpec } from './commands.js';

const buildOptions: OptionSpec[] = [
  { flags: '--build-arg <list>', description: 'Set build-time variables', repeat: true },
  { flags: '-f, --file <string>', description: "Name of the Dockerfile (Default is 'PATH/Dockerfile')" },
  { flags: '--label <list>', description: 'Set metadata for an image', repeat: true },
  { flags: '--network <string>', description: 'Set the networking mode for the RUN instructions during build (default "default")' },
  { flags: '--no-cache', description: 'Do not use cache when building the image' },
  { flags: '--platform <string>', description: 'Set platform if server is multi-platform capable' },
  { flags: '--pull', description: 'Always attempt to pull a newer version of the image' },
  { flags: '-q, --quiet', description: 'Suppress the build output and print image ID on success' },
  { flags: '--rm', description: 'Remove intermediate containers after a successful build (default true)', hidden: true, default: true, negatable: 'rm' },
  { flags: '--force-rm', description: 'Always remove intermediate containers', hidden: true },
  { flags: '-t, --tag <list>', description: "Name and optionally a tag in the 'name:tag' format", repeat: true },
  { flags: '--target <string>', description: 'Set the target build stage to build.' },
];

const build: Omit<CommandSpec, 'name'> = {
  summary: 'Build an image from a Dockerfile',
  args: '<path>',
  options: buildOptions,
  load: () => import('./commands/build.js'),
};

export const BUILD_COMMANDS: CommandSpec[] = [
  { name: 'build', ...build },
  {
    name: 'builder',
    summary: 'Manage builds',
    load: () => Promise.reject(new Error('no command')),
    sub: [
      { name: 'build', ...build },
      {
        name: 'prune',
        summary: 'Remove build cache',
        options: [
          { flags: '-a, --all', description: 'Remove all unused build cache, not just dangling ones' },
          { flags: '-f, --force', description: 'Do not prompt for confirmation' },
          { flags: '--filter <filter>', description: 'Provide filter values (e.g. "until=24h")', repeat: true },
        ],
        load: () => import('./commands/builder-prune.js'),
      },
    ],
  },
];
