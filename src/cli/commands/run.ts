// berth run IMAGE [COMMAND] [ARG...]: create, then start attached (output to this terminal and the log, exit code
// passed through) or detached (-d: a monitor process keeps it, the ID is printed). Docker's exit codes: 125 when
// berth fails, 126/127 when the command can't be run.

import { existsSync, writeFileSync } from 'node:fs';
import { isTerminal } from '../../sys/is-terminal.js';
import type { Context } from '../context.js';
import { createContainer } from '../../container/create.js';
import { startErrorExitCode, supervise } from '../../container/supervise.js';
import { startDetached, StartError } from '../../container/monitor.js';
import { destroyContainer } from '../../container/remove.js';
import { initialState } from '../../container/record.js';
import { reportError } from '../output/errors.js';
import { BerthError, ClientSideError, FlagValueError, isBerthError } from '../../errors.js';
import { createOptions, type CreateFlags } from '../container-options.js';
import { pullWithProgress } from '../pull-image.js';
import { stopCgroupAttachWarmup, warmCgroupAttach } from '../../sys/cgroup-attach-warmup.js';
import type { Store } from '../../store/store.js';
import type { ContainerRecord } from '../../container/record.js';

export const EXIT_ENGINE = 125;

/**
 * docker/cli's reportError for `run` and `create`: `docker: <daemon error>.` (one trailing period), with a usage hint
 * when the container could not be made; what the CLI finds itself is not a daemon response. berth says `berth:`.
 */
export function reportRunError(e: unknown, withHelp: boolean, command = 'run'): void {
  if (!(e instanceof BerthError)) {
    reportError(e);
    return;
  }
  if (e instanceof FlagValueError) {
    process.stderr.write(`${e.message}\nSee 'berth ${command} --help'.\n`);
    return;
  }
  const text = `${e instanceof ClientSideError ? '' : 'Error response from daemon: '}${e.message.replace(/\.$/, '')}.`;
  process.stderr.write(`berth: ${text}${withHelp ? `\nSee 'berth ${command} --help'.` : ''}\n`);
}

/** Creates the container from the command line (and writes `--cidfile`). */
export async function createFromFlags(ctx: Context, store: Store, args: unknown[], flags: CreateFlags, forRun: boolean): Promise<ContainerRecord> {
  const [image, cmd] = args as [string, string[] | undefined];
  const o = createOptions(image, cmd ?? [], flags, forRun);
  if (flags.cidfile && existsSync(flags.cidfile)) {
    throw new ClientSideError(`Container ID file found, make sure the other container isn't running or delete ${flags.cidfile}`);
  }
  const pull = flags.pull ?? 'missing';
  if (!['always', 'missing', 'never'].includes(pull)) {
    throw new ClientSideError(`invalid pull option: '${pull}': must be one of "always", "missing" or "never"`);
  }
  // --pull always: fetched first, as `pull` would (a digest or ID reference is not pulled)
  if (pull === 'always' && !/^(sha256:)?[0-9a-f]{64}$/.test(image)) await pullWithProgress(store, image, ctx.stderr, !!ctx.stderr.isTTY);
  const made = await createOrPull(ctx, store, image, o, pull !== 'never');
  if (flags.cidfile) writeFileSync(flags.cidfile, made.id);
  return made;
}

async function createOrPull(ctx: Context, store: Store, image: string, o: ReturnType<typeof createOptions>, mayPull: boolean): Promise<ContainerRecord> {
  try {
    return await createContainer(store, o);
  } catch (e) {
    if (!mayPull || !isBerthError(e, 'NOT_FOUND') || !e.message.startsWith('No such image: ')) throw e;
    ctx.stderr.write(`Unable to find image '${e.message.slice('No such image: '.length)}' locally\n`);
    // As Docker does: a missing image named by reference is pulled (progress on stderr), then created from.
    if (/^(sha256:)?[0-9a-f]{64}$/.test(image)) throw e;
    await pullWithProgress(store, image, ctx.stderr, !!ctx.stderr.isTTY);
    return await createContainer(store, o);
  }
}

export async function run(ctx: Context, args: unknown[], flags: CreateFlags): Promise<number> {
  // isatty(0), not process.stdin.isTTY: touching process.stdin makes a stream for it (~0.5 ms) that `run` never reads.
  const stdinIsTTY = isTerminal(0);
  if (flags.interactive && flags.tty && !stdinIsTTY && !flags.detach) {
    ctx.stderr.write('the input device is not a TTY\n');
    return 1;
  }
  let rec: ContainerRecord;
  let store: Store;
  // The runtime's first cgroup attach waits out an RCU grace period unless one was waited out just before: start
  // doing that now, while the container is made (sys/cgroup-attach-warmup.ts); supervise stops it.
  warmCgroupAttach();
  try {
    store = await ctx.openStore();
    rec = await createFromFlags(ctx, store, args, flags, true);
  } catch (e) {
    stopCgroupAttachWarmup();
    reportRunError(e, true);
    return EXIT_ENGINE;
  }
  const c = { ...rec, state: initialState() };
  // With --rm: whether the container went (settled at once: a rejection must not wait unhandled for a handler).
  // not while `restart` stops it to start it again (it goes when that run ends)
  const removes = (opts: { keepRuntimeState?: boolean } = {}) =>
    (store.containers.restarting(c.id) ? Promise.resolve() : destroyContainer(store, c, { volumes: true, ...opts })).then(
      () => true,
      () => false,
    );
  const cleanup = async () => {
    if (flags.rm) await removes();
  };

  if (flags.detach) {
    // Docker's CLI prints the ID once the container is made, before it starts (and fails to, maybe).
    ctx.line(rec.id);
    try {
      await startDetached(store, c, { holdStdin: !!flags.interactive });
      stopCgroupAttachWarmup();
    } catch (e) {
      stopCgroupAttachWarmup();
      reportRunError(e, false);
      await cleanup();
      return e instanceof StartError ? e.exitCode : EXIT_ENGINE;
    }
    return 0;
  }

  const terminalHere = !!flags.tty && stdinIsTTY && !!process.stdout.isTTY;
  // --sig-proxy=false: signals act on this process as they would (the container runs on), as with Docker's CLI.
  // A terminal delivers ^C and ^\ to the whole foreground process group, the runtime included: don't send twice.
  const forward: NodeJS.Signals[] =
    flags.sigProxy === false ? [] : ['SIGTERM', 'SIGHUP', 'SIGUSR1', 'SIGUSR2', ...(stdinIsTTY ? [] : (['SIGINT', 'SIGQUIT'] as const))];
  if (stdinIsTTY) for (const s of ['SIGINT', 'SIGQUIT'] as const) process.on(s, () => {});
  // With --rm the container's files go as soon as its processes are gone, while the runtime still tears down its
  // own state before it exits with the status; that state is looked at once it has (destroyContainer is repeatable).
  const early: { removal?: Promise<boolean> } = {};
  let result;
  try {
    result = await supervise(store, c, {
      stdin: flags.interactive ? 'inherit' : 'ignore',
      attach: true,
      streams: { stdout: !!c.config.AttachStdout, stderr: !!c.config.AttachStderr },
      terminalHere,
      forwardSignals: forward,
      deferExitRecord: !!flags.rm,
      onEmptied: flags.rm ? () => (early.removal = removes({ keepRuntimeState: true })) : undefined,
    });
  } catch (e) {
    // A failure to start (the user not in the image's passwd, a missing --device, say) reads as Docker's start
    // errors do, with docker/cli's exit code for its text (127 for "no such file or directory").
    reportRunError(e, false);
    await cleanup();
    return e instanceof BerthError ? startErrorExitCode(e.message) : EXIT_ENGINE;
  }
  if (result.startError) reportRunError(result.startError, false);
  if (flags.rm) {
    // The exit was not recorded: the container goes now (what an early removal left, and the runtime's state), or,
    // if that fails while its record is still there, stays listed with its exit.
    const removed = (early.removal ? await early.removal : true) && (await removes());
    if (!removed) await result.recordExit().catch(() => {});
  }
  return result.exitCode;
}
