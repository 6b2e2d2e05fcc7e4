// The command table: Docker's names, arguments and flags; each entry imports its implementation only when run.

import type { Context } from './context.js';
import { CONTAINER_COMMANDS } from './container-commands.js';
import { BUILD_COMMANDS } from './build-commands.js';
import { IMAGE_REGISTRY_COMMANDS, REGISTRY_COMMANDS } from './registry-commands.js';

export interface CommandModule {
  run(ctx: Context, args: unknown[], opts: Record<string, unknown>): Promise<number | void>;
}

export interface OptionSpec {
  flags: string;
  description: string;
  repeat?: boolean;
  default?: unknown;
  hidden?: boolean;
  /** A boolean flag that Docker lets users turn off with `--flag=false`: its long name. */
  negatable?: string;
}

export interface CommandSpec {
  name: string;
  summary: string;
  args?: string;
  aliases?: string[];
  options?: OptionSpec[];
  sub?: CommandSpec[];
  /** Options after the first argument belong to it (`run IMAGE COMMAND -x`), as with Docker. */
  passThrough?: boolean;
  /** Left out of the help (internal commands). */
  hidden?: boolean;
  load: () => Promise<CommandModule>;
  /** How failures are worded (see cli/output/errors.ts); `client` when unset. */
  errors?: import('./output/errors.js').ErrorStyle;
}

const FORMAT = (what: string): OptionSpec => ({ flags: '--format <string>', description: `Pretty-print ${what} using a Go template` });

const images: Omit<CommandSpec, 'name'> = {
  errors: 'daemon',
  summary: 'List images',
  args: '[repository]',
  options: [
    { flags: '-a, --all', description: 'Show all images (default hides intermediate images)' },
    { flags: '--digests', description: 'Show digests' },
    { flags: '-f, --filter <filter>', description: 'Filter output based on conditions provided', repeat: true },
    FORMAT('images'),
    { flags: '--no-trunc', description: "Don't truncate output" },
    { flags: '-q, --quiet', description: 'Only show image IDs' },
  ],
  load: () => import('./commands/images.js'),
};

const history: Omit<CommandSpec, 'name'> = {
  errors: 'daemon',
  summary: 'Show the history of an image',
  args: '<image>',
  options: [
    FORMAT('history'),
    { flags: '-H, --human', description: 'Print sizes and dates in human readable format', default: true, negatable: 'human' },
    { flags: '--no-trunc', description: "Don't truncate output" },
    { flags: '-q, --quiet', description: 'Only show image IDs' },
  ],
  load: () => import('./commands/history.js'),
};

const imageInspect: Omit<CommandSpec, 'name'> = {
  summary: 'Display detailed information on one or more images',
  args: '<image...>',
  options: [{ flags: '-f, --format <string>', description: 'Format the output using the given Go template' }],
  load: () => import('./commands/image-inspect.js'),
};

const tag: Omit<CommandSpec, 'name'> = {
  errors: 'daemon',
  summary: 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE',
  args: '<source> <target>',
  load: () => import('./commands/tag.js'),
};

const rmi: Omit<CommandSpec, 'name'> = {
  errors: 'daemon-but-not-found',
  summary: 'Remove one or more images',
  args: '<image...>',
  options: [
    { flags: '-f, --force', description: 'Force removal of the image' },
    { flags: '--no-prune', description: 'Do not delete untagged parents' },
  ],
  load: () => import('./commands/rmi.js'),
};

const load: Omit<CommandSpec, 'name'> = {
  summary: 'Load an image from a tar archive or STDIN',
  options: [
    { flags: '-i, --input <file>', description: 'Read from tar archive file, instead of STDIN' },
    { flags: '-q, --quiet', description: 'Suppress the load output' },
  ],
  load: () => import('./commands/load.js'),
};

const save: Omit<CommandSpec, 'name'> = {
  errors: 'daemon',
  summary: 'Save one or more images to a tar archive (streamed to STDOUT by default)',
  args: '<image...>',
  options: [{ flags: '-o, --output <file>', description: 'Write to a file, instead of STDOUT' }],
  load: () => import('./commands/save.js'),
};

const importCmd: Omit<CommandSpec, 'name'> = {
  summary: 'Import the contents from a tarball to create a filesystem image',
  args: '<file> [repository]',
  options: [
    { flags: '-c, --change <instruction>', description: 'Apply Dockerfile instruction to the created image', repeat: true },
    { flags: '-m, --message <message>', description: 'Set commit message for imported image' },
    { flags: '--platform <platform>', description: 'Set platform if server is multi-platform capable' },
  ],
  load: () => import('./commands/import.js'),
};

const prune: Omit<CommandSpec, 'name'> = {
  errors: 'daemon',
  summary: 'Remove unused images',
  options: [
    { flags: '-a, --all', description: 'Remove all unused images, not just dangling ones' },
    { flags: '-f, --force', description: 'Do not prompt for confirmation' },
    { flags: '--filter <filter>', description: 'Provide filter values (e.g. "until=<timestamp>")', repeat: true },
  ],
  load: () => import('./commands/image-prune.js'),
};

export const COMMANDS: CommandSpec[] = [
  ...CONTAINER_COMMANDS,
  ...BUILD_COMMANDS,
  ...REGISTRY_COMMANDS,
  { name: 'images', ...images },
  { name: 'history', ...history },
  { name: 'inspect', ...imageInspect, summary: 'Return low-level information on Docker objects', options: [
    { flags: '-f, --format <string>', description: 'Format the output using the given Go template' },
    { flags: '-s, --size', description: 'Display total file sizes if the type is container' },
    { flags: '--type <string>', description: 'Return JSON for specified type' },
  ], load: () => import('./commands/inspect.js') },
  { name: 'tag', ...tag },
  { name: 'rmi', ...rmi },
  { name: 'load', ...load },
  { name: 'save', ...save },
  { name: 'import', ...importCmd },
  {
    name: 'image',
    summary: 'Manage images',
    load: () => Promise.reject(new Error('no command')),
    sub: [
      { name: 'ls', aliases: ['list'], ...images },
      { name: 'history', ...history },
      { name: 'inspect', ...imageInspect },
      { name: 'tag', ...tag },
      { name: 'rm', aliases: ['remove'], ...rmi },
      { name: 'load', ...load },
      { name: 'save', ...save },
      { name: 'import', ...importCmd },
      { name: 'prune', ...prune },
      ...IMAGE_REGISTRY_COMMANDS,
    ],
  },
  {
    name: 'volume',
    summary: 'Manage volumes',
    load: () => Promise.reject(new Error('no command')),
    sub: [
      {
        name: 'create',
        summary: 'Create a volume',
        args: '[volume]',
        errors: 'daemon',
        options: [
          { flags: '-d, --driver <string>', description: 'Specify volume driver name', default: 'local' },
          { flags: '--label <list>', description: 'Set metadata for a volume', repeat: true },
          { flags: '-o, --opt <map>', description: 'Set driver specific options', repeat: true },
          { flags: '--name <string>', description: 'Specify volume name', hidden: true },
        ],
        load: () => import('./commands/volume-create.js'),
      },
      {
        name: 'inspect',
        summary: 'Display detailed information on one or more volumes',
        args: '<volume...>',
        options: [{ flags: '-f, --format <string>', description: 'Format the output using the given Go template' }],
        load: () => import('./commands/volume-inspect.js'),
      },
      {
        name: 'ls',
        aliases: ['list'],
        summary: 'List volumes',
        errors: 'daemon',
        options: [
          { flags: '-f, --filter <filter>', description: "Provide filter values (e.g. 'dangling=true')", repeat: true },
          FORMAT('volumes'),
          { flags: '-q, --quiet', description: 'Only display volume names' },
        ],
        load: () => import('./commands/volume-ls.js'),
      },
      {
        name: 'prune',
        summary: 'Remove all unused local volumes',
        errors: 'daemon',
        options: [
          { flags: '--filter <filter>', description: "Provide filter values (e.g. 'label=<label>')", repeat: true },
          { flags: '-f, --force', description: 'Do not prompt for confirmation' },
        ],
        load: () => import('./commands/volume-prune.js'),
      },
      {
        name: 'rm',
        aliases: ['remove'],
        summary: 'Remove one or more volumes',
        args: '<volume...>',
        errors: 'daemon-but-not-found',
        options: [{ flags: '-f, --force', description: 'Force the removal of one or more volumes' }],
        load: () => import('./commands/volume-rm.js'),
      },
    ],
  },
  {
    name: 'version',
    summary: 'Show the berth version information',
    options: [{ flags: '-f, --format <string>', description: 'Format the output using the given Go template' }],
    load: () => import('./commands/version.js'),
  },
  {
    name: 'info',
    summary: 'Display system-wide information',
    options: [{ flags: '-f, --format <string>', description: 'Format the output using the given Go template' }],
    load: () => import('./commands/info.js'),
  },
  {
    name: 'system',
    summary: 'Manage berth',
    load: () => Promise.reject(new Error('no command')),
    sub: [
      {
        name: 'df',
        summary: 'Show docker disk usage',
        options: [
          { flags: '-v, --verbose', description: 'Show detailed information on space usage' },
          FORMAT('images'),
        ],
        load: () => import('./commands/system-df.js'),
      },
      {
        name: 'prune',
        summary: 'Remove unused data',
        errors: 'daemon',
        options: [
          { flags: '-a, --all', description: 'Remove all unused images not just dangling ones' },
          { flags: '--filter <filter>', description: "Provide filter values (e.g. 'label=<key>=<value>')", repeat: true },
          { flags: '-f, --force', description: 'Do not prompt for confirmation' },
          { flags: '--volumes', description: 'Prune volumes' },
        ],
        load: () => import('./commands/system-prune.js'),
      },
      {
        name: 'check',
        summary: "Verify the store's invariants",
        options: [{ flags: '--verify', description: 'Rehash every blob and layer' }],
        load: () => import('./commands/system-check.js'),
      },
      {
        name: 'info',
        summary: 'Display system-wide information',
        options: [{ flags: '-f, --format <string>', description: 'Format the output using the given Go template' }],
        load: () => import('./commands/info.js'),
      },
    ],
  },
];
