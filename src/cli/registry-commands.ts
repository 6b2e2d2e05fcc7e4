// The registry commands of the command table: pull, push, login, logout, search (and `image pull|push`), with
// Docker's flags.

import type { CommandSpec, OptionSpec } from './commands.js';

const contentTrust: OptionSpec = { flags: '--disable-content-trust', description: 'Skip image verification (default true)', hidden: true };

const pull: Omit<CommandSpec, 'name'> = {
  summary: 'Pull an image or a repository from a registry',
  args: '<name>',
  options: [
    { flags: '-a, --all-tags', description: 'Download all tagged images in the repository' },
    contentTrust,
    { flags: '--platform <string>', description: 'Set platform if server is multi-platform capable' },
    { flags: '-q, --quiet', description: 'Suppress verbose output' },
  ],
  load: () => import('./commands/pull.js'),
};

const push: Omit<CommandSpec, 'name'> = {
  summary: 'Push an image or a repository to a registry',
  args: '<name>',
  options: [
    { flags: '-a, --all-tags', description: 'Push all tagged images in the repository' },
    contentTrust,
    { flags: '-q, --quiet', description: 'Suppress verbose output' },
  ],
  load: () => import('./commands/push.js'),
};

/** `image pull` and `image push`. */
export const IMAGE_REGISTRY_COMMANDS: CommandSpec[] = [
  { name: 'pull', ...pull },
  { name: 'push', ...push },
];

export const REGISTRY_COMMANDS: CommandSpec[] = [
  ...IMAGE_REGISTRY_COMMANDS,
  {
    name: 'login',
    summary: 'Log in to a Docker registry',
    args: '[server]',
    options: [
      { flags: '-p, --password <string>', description: 'Password' },
      { flags: '--password-stdin', description: 'Take the password from stdin' },
      { flags: '-u, --username <string>', description: 'Username' },
    ],
    load: () => import('./commands/login.js'),
  },
  {
    name: 'logout',
    summary: 'Log out from a Docker registry',
    args: '[server]',
    load: () => import('./commands/logout.js'),
  },
  {
    name: 'search',
    summary: 'Search the Docker Hub for images',
    args: '<term>',
    options: [
      { flags: '-f, --filter <filter>', description: 'Filter output based on conditions provided', repeat: true },
      { flags: '--format <string>', description: 'Pretty-print search using a Go template' },
      { flags: '--limit <int>', description: 'Max number of search results', default: '25' },
      { flags: '--no-trunc', description: "Don't truncate output" },
    ],
    load: () => import('./commands/search.js'),
  },
];
