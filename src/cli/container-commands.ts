// The container commands' table entries (Docker's names, arguments and flags): top-level `run`, `ps`, `rm`… and
// the `container` group; each loads its module only when run. Spread into COMMANDS by commands.ts.

import type { CommandSpec, OptionSpec } from './commands.js';

type Spec = Omit<CommandSpec, 'name'>;

const FORMAT: OptionSpec = { flags: '--format <string>', description: 'Pretty-print containers using a Go template' };

const createFlags: OptionSpec[] = [
  { flags: '--add-host <list>', description: 'Add a custom host-to-IP mapping (host:ip)', repeat: true },
  { flags: '-a, --attach <stream>', description: 'Attach to STDIN, STDOUT or STDERR', repeat: true },
  { flags: '--cap-add <list>', description: 'Add Linux capabilities', repeat: true },
  { flags: '--cap-drop <list>', description: 'Drop Linux capabilities', repeat: true },
  { flags: '--cidfile <string>', description: 'Write the container ID to the file' },
  { flags: '--dns <list>', description: 'Set custom DNS servers', repeat: true },
  { flags: '-e, --env <list>', description: 'Set environment variables', repeat: true },
  { flags: '--env-file <file>', description: 'Read in a file of environment variables', repeat: true },
  { flags: '--entrypoint <string>', description: 'Overwrite the default ENTRYPOINT of the image' },
  { flags: '--device <list>', description: 'Add a host device to the container', repeat: true },
  { flags: '--security-opt <list>', description: 'Security Options', repeat: true },
  { flags: '--userns <string>', description: 'User namespace to use (host)' },
  { flags: '--log-driver <string>', description: 'Logging driver for the container (json-file, none)' },
  { flags: '--log-opt <list>', description: 'Log driver options', repeat: true },
  { flags: '--expose <list>', description: 'Expose a port or a range of ports', repeat: true },
  { flags: '--group-add <list>', description: 'Add additional groups to join', repeat: true },
  { flags: '--init', description: 'Run an init inside the container that forwards signals and reaps processes' },
  { flags: '--ipc <string>', description: 'IPC mode to use (private, host)' },
  { flags: '-m, --memory <bytes>', description: 'Memory limit' },
  { flags: '--cpus <decimal>', description: 'Number of CPUs' },
  { flags: '--pid <string>', description: 'PID namespace to use (host, container:<name|id>)' },
  { flags: '--privileged', description: 'Give extended privileges to this container' },
  { flags: '--platform <string>', description: 'Set platform if server is multi-platform capable' },
  { flags: '--pull <string>', description: 'Pull image before running ("always"|"missing"|"never")', default: 'missing' },
  { flags: '--shm-size <bytes>', description: 'Size of /dev/shm' },
  { flags: '--sysctl <map>', description: 'Sysctl options', repeat: true },
  { flags: '--ulimit <ulimit>', description: 'Ulimit options (name=soft[:hard])', repeat: true },
  { flags: '--uts <string>', description: 'UTS namespace to use (host)' },
  { flags: '-h, --hostname <string>', description: 'Container host name' },
  { flags: '-i, --interactive', description: 'Keep STDIN open even if not attached' },
  { flags: '-l, --label <list>', description: 'Set meta data on a container', repeat: true },
  { flags: '--mount <mount>', description: 'Attach a filesystem mount to the container', repeat: true },
  { flags: '--name <string>', description: 'Assign a name to the container' },
  { flags: '--network <network>', description: 'Connect a container to a network (default, none, host, container:<name|id>)', default: 'default' },
  { flags: '--read-only', description: "Mount the container's root filesystem as read only" },
  { flags: '--restart <string>', description: 'Restart policy to apply when a container exits (no, always, unless-stopped, on-failure[:max])' },
  { flags: '--rm', description: 'Automatically remove the container when it exits' },
  { flags: '--stop-signal <string>', description: 'Signal to stop a container' },
  { flags: '--stop-timeout <int>', description: 'Timeout (in seconds) to stop a container' },
  { flags: '--tmpfs <list>', description: 'Mount a tmpfs directory', repeat: true },
  { flags: '-t, --tty', description: 'Allocate a pseudo-TTY' },
  { flags: '-u, --user <string>', description: 'Username or UID (format: <name|uid>[:<group|gid>])' },
  { flags: '-v, --volume <list>', description: 'Bind mount a volume', repeat: true },
  { flags: '-w, --workdir <string>', description: 'Working directory inside the container' },
];

const run: Spec = {
  summary: 'Run a command in a new container',
  args: '<image> [command...]',
  passThrough: true,
  options: [
    { flags: '-d, --detach', description: 'Run container in background and print container ID' },
    { flags: '--sig-proxy', description: 'Proxy received signals to the process', default: true, negatable: 'sig-proxy' },
    ...createFlags,
  ],
  load: () => import('./commands/run.js'),
};

const create: Spec = {
  errors: 'daemon',
  summary: 'Create a new container',
  args: '<image> [command...]',
  passThrough: true,
  options: createFlags,
  load: () => import('./commands/create.js'),
};

const attach: Spec = {
  errors: 'daemon',
  summary: 'Attach local standard output and error streams to a running container',
  args: '<container>',
  options: [
    { flags: '--no-stdin', description: 'Do not attach STDIN (berth never does)' },
    { flags: '--sig-proxy', description: 'Proxy all received signals to the process', default: true, negatable: 'sig-proxy' },
  ],
  load: () => import('./commands/attach.js'),
};

const stats: Spec = {
  summary: 'Display a live stream of container(s) resource usage statistics',
  args: '[containers...]',
  options: [
    { flags: '-a, --all', description: 'Show all containers (default shows just running)' },
    { flags: '--format <string>', description: 'Pretty-print images using a Go template' },
    { flags: '--no-stream', description: 'Disable streaming stats and only pull the first result' },
    { flags: '--no-trunc', description: 'Do not truncate output' },
  ],
  load: () => import('./commands/stats.js'),
};

const start: Spec = {
  errors: 'daemon',
  summary: 'Start one or more stopped containers',
  args: '<container...>',
  options: [
    { flags: '-a, --attach', description: 'Attach STDOUT/STDERR and forward signals' },
    { flags: '-i, --interactive', description: "Attach container's STDIN" },
  ],
  load: () => import('./commands/start.js'),
};

// No default here: without -t, the container's own --stop-timeout (else 10 s) applies.
const time: OptionSpec = { flags: '-t, --time <seconds>', description: 'Seconds to wait for stop before killing it' };

const stop: Spec = {
  errors: 'daemon',
  summary: 'Stop one or more running containers',
  args: '<container...>',
  options: [time],
  load: () => import('./commands/stop.js'),
};

const restart: Spec = {
  errors: 'daemon',
  summary: 'Restart one or more containers',
  args: '<container...>',
  options: [time],
  load: () => import('./commands/restart.js'),
};

const kill: Spec = {
  errors: 'daemon',
  summary: 'Kill one or more running containers',
  args: '<container...>',
  options: [{ flags: '-s, --signal <string>', description: 'Signal to send to the container', default: 'KILL' }],
  load: () => import('./commands/kill.js'),
};

const pause: Spec = {
  errors: 'daemon',
  summary: 'Pause all processes within one or more containers',
  args: '<container...>',
  load: () => import('./commands/pause.js'),
};

const unpause: Spec = {
  errors: 'daemon',
  summary: 'Unpause all processes within one or more containers',
  args: '<container...>',
  load: () => import('./commands/pause.js').then((m) => ({ run: m.runUnpause })),
};

const wait: Spec = {
  errors: 'daemon',
  summary: 'Block until one or more containers stop, then print their exit codes',
  args: '<container...>',
  load: () => import('./commands/wait.js'),
};

const logs: Spec = {
  summary: 'Fetch the logs of a container',
  args: '<container>',
  options: [
    { flags: '--details', description: 'Show extra details provided to logs' },
    { flags: '-f, --follow', description: 'Follow log output' },
    { flags: '-n, --tail <string>', description: 'Number of lines to show from the end of the logs', default: 'all' },
    { flags: '-t, --timestamps', description: 'Show timestamps' },
    { flags: '--since <string>', description: 'Show logs since timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes)' },
    { flags: '--until <string>', description: 'Show logs before a timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes)' },
  ],
  load: () => import('./commands/logs.js'),
};

const exec: Spec = {
  errors: 'daemon-but-not-found',
  summary: 'Run a command in a running container',
  args: '<container> <command...>',
  passThrough: true,
  options: [
    { flags: '-d, --detach', description: 'Detached mode: run command in the background' },
    { flags: '-e, --env <list>', description: 'Set environment variables', repeat: true },
    { flags: '-i, --interactive', description: 'Keep STDIN open even if not attached' },
    { flags: '-t, --tty', description: 'Allocate a pseudo-TTY' },
    { flags: '-u, --user <string>', description: 'Username or UID (format: <name|uid>[:<group|gid>])' },
    { flags: '-w, --workdir <string>', description: 'Working directory inside the container' },
  ],
  load: () => import('./commands/exec.js'),
};

const ps: Spec = {
  errors: 'daemon',
  summary: 'List containers',
  options: [
    { flags: '-a, --all', description: 'Show all containers (default shows just running)' },
    { flags: '-f, --filter <filter>', description: 'Filter output based on conditions provided', repeat: true },
    FORMAT,
    { flags: '-n, --last <int>', description: 'Show n last created containers (includes all states)' },
    { flags: '-l, --latest', description: 'Show the latest created container (includes all states)' },
    { flags: '--no-trunc', description: "Don't truncate output" },
    { flags: '-q, --quiet', description: 'Only display container IDs' },
    { flags: '-s, --size', description: 'Display total file sizes' },
  ],
  load: () => import('./commands/ps.js'),
};

const rm: Spec = {
  errors: 'daemon-but-not-found',
  summary: 'Remove one or more containers',
  args: '<container...>',
  options: [
    { flags: '-f, --force', description: 'Force the removal of a running container (uses SIGKILL)' },
    { flags: '-v, --volumes', description: 'Remove anonymous volumes associated with the container' },
  ],
  load: () => import('./commands/rm.js'),
};

const prune: Spec = {
  errors: 'daemon',
  summary: 'Remove all stopped containers',
  options: [
    { flags: '--filter <filter>', description: 'Provide filter values (e.g. "until=<timestamp>")', repeat: true },
    { flags: '-f, --force', description: 'Do not prompt for confirmation' },
  ],
  load: () => import('./commands/container-prune.js'),
};

const inspect: Spec = {
  summary: 'Display detailed information on one or more containers',
  args: '<container...>',
  options: [
    { flags: '-f, --format <string>', description: 'Format the output using the given Go template' },
    { flags: '-s, --size', description: 'Display total file sizes' },
  ],
  load: () => import('./commands/container-inspect.js'),
};

const rename: Spec = { errors: 'daemon', summary: 'Rename a container', args: '<container> <new_name>', load: () => import('./commands/rename.js') };

const top: Spec = {
  errors: 'daemon',
  summary: 'Display the running processes of a container',
  args: '<container> [ps_options...]',
  passThrough: true,
  load: () => import('./commands/top.js'),
};

const diff: Spec = {
  errors: 'daemon',
  summary: "Inspect changes to files or directories on a container's filesystem",
  args: '<container>',
  load: () => import('./commands/diff.js'),
};

const commit: Spec = {
  errors: 'daemon',
  summary: "Create a new image from a container's changes",
  args: '<container> [repository]',
  options: [
    { flags: '-a, --author <string>', description: 'Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")' },
    { flags: '-c, --change <list>', description: 'Apply Dockerfile instruction to the created image', repeat: true },
    { flags: '-m, --message <string>', description: 'Commit message' },
    { flags: '-p, --pause', description: 'Pause container during commit', default: true, negatable: 'pause' },
  ],
  load: () => import('./commands/commit.js'),
};

const exportCmd: Spec = {
  errors: 'daemon',
  summary: "Export a container's filesystem as a tar archive",
  args: '<container>',
  options: [{ flags: '-o, --output <string>', description: 'Write to a file, instead of STDOUT' }],
  load: () => import('./commands/export.js'),
};

const cp: Spec = {
  summary: 'Copy files/folders between a container and the local filesystem',
  args: '<src> <dest>',
  options: [
    { flags: '-a, --archive', description: 'Archive mode (copy all uid/gid information)' },
    { flags: '-L, --follow-link', description: 'Always follow symbol link in SRC_PATH' },
  ],
  load: () => import('./commands/cp.js'),
};

export const CONTAINER_COMMANDS: CommandSpec[] = [
  { name: 'run', ...run },
  { name: 'create', ...create },
  { name: 'attach', ...attach },
  { name: 'start', ...start },
  { name: 'stats', ...stats },
  { name: 'stop', ...stop },
  { name: 'restart', ...restart },
  { name: 'kill', ...kill },
  { name: 'pause', ...pause },
  { name: 'unpause', ...unpause },
  { name: 'wait', ...wait },
  { name: 'logs', ...logs },
  { name: 'exec', ...exec },
  { name: 'ps', ...ps },
  { name: 'rm', ...rm },
  { name: 'rename', ...rename },
  { name: 'top', ...top },
  { name: 'diff', ...diff },
  { name: 'commit', ...commit },
  { name: 'export', ...exportCmd },
  { name: 'cp', ...cp },
  {
    name: 'container',
    summary: 'Manage containers',
    load: () => Promise.reject(new Error('no command')),
    sub: [
      { name: 'ls', aliases: ['list', 'ps'], ...ps },
      { name: 'run', ...run },
      { name: 'create', ...create },
      { name: 'attach', ...attach },
      { name: 'start', ...start },
      { name: 'stats', ...stats },
      { name: 'stop', ...stop },
      { name: 'restart', ...restart },
      { name: 'kill', ...kill },
      { name: 'pause', ...pause },
      { name: 'unpause', ...unpause },
      { name: 'wait', ...wait },
      { name: 'logs', ...logs },
      { name: 'exec', ...exec },
      { name: 'rm', aliases: ['remove'], ...rm },
      { name: 'prune', ...prune },
      { name: 'inspect', ...inspect },
      { name: 'rename', ...rename },
      { name: 'top', ...top },
      { name: 'diff', ...diff },
      { name: 'commit', ...commit },
      { name: 'export', ...exportCmd },
      { name: 'cp', ...cp },
    ],
  },
  {
    name: '__monitor',
    summary: 'Keep a detached container (internal)',
    args: '<id>',
    hidden: true,
    options: [{ flags: '--hold-stdin', description: "Keep the container's stdin open" }],
    load: () => import('./commands/monitor.js'),
  },
];
