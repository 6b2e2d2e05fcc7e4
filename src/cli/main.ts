// berth's command line: parses with commander, then imports only the module of the command it runs. Only the
// command argv names is registered with commander when that is unambiguous (help and errors need them all).

import { Command, Option, CommanderError } from 'commander';
import { Context, defaultRoot, type GlobalOptions } from './context.js';
import { reportError, setErrorStyle, EXIT_USAGE } from './output/errors.js';
import { COMMANDS, type CommandSpec } from './commands.js';
import { adoptDeferredExtraCA } from '../sys/extra-ca.js';
import { VERSION } from '../version.js';
import { goBool } from '../format/go-bool.js';
import { watchStdio } from './stdio.js';

export { exitWhenFlushed } from './stdio.js';

function collect(v: string, prev: string[] = []): string[] {
  return [...prev, v];
}

function addCommand(parent: Command, spec: CommandSpec, ctxRef: { ctx?: Context }, path: string): Command {
  const cmd = parent.command(spec.name, { hidden: spec.hidden }).description(spec.summary);
  // Docker's -h is --hostname where a command has one; help stays reachable as --help.
  if (spec.options?.some((o) => o.flags.startsWith('-h,'))) cmd.helpOption('--help', 'display help for command');
  if (spec.passThrough) cmd.passThroughOptions();
  if (spec.sub?.some((s) => s.passThrough)) cmd.enablePositionalOptions();
  if (spec.aliases) cmd.aliases(spec.aliases);
  if (spec.args) cmd.arguments(spec.args);
  for (const o of spec.options ?? []) {
    const opt = new Option(o.flags, o.description);
    if (o.repeat) opt.argParser(collect).default([]);
    else if (o.default !== undefined) opt.default(o.default);
    if (o.hidden) opt.hideHelp();
    cmd.addOption(opt);
    if (o.negatable) cmd.addOption(new Option(`--no-${o.negatable}`).hideHelp());
  }
  const full = `${path} ${spec.name}`;
  // commander's own words for a bad command line give way to Docker's (commandLineError); help still prints.
  cmd.configureOutput({ writeErr: (s) => process.stderr.write(s), outputError: () => {} });
  cmd.exitOverride((e) => {
    throw Object.assign(e, { berthCommand: { path: full, usage: cmd.usage(), summary: spec.summary, args: spec.args ?? '' } });
  });
  cmd.allowExcessArguments(false);
  if (spec.sub) {
    for (const s of spec.sub) addCommand(cmd, s, ctxRef, full);
    return cmd;
  }
  cmd.action(async (...all: unknown[]) => {
    const c = all[all.length - 1] as Command;
    const opts = c.opts();
    const args = all.slice(0, -2);
    setErrorStyle(spec.errors ?? 'client');
    const mod = await spec.load();
    const code = await mod.run(ctxRef.ctx!, args, opts);
    if (typeof code === 'number') process.exitCode = code;
  });
  return cmd;
}

/**
 * Docker's boolean flags take `--flag=true` and `--flag=false`, which commander spells `--flag` and, for a flag that
 * is on by default, `--no-flag` (off by default, false is just leaving it out). `spec`: the command in play, whose
 * arguments start at `argv[start]`; with pass-through, what follows its first argument (`run IMAGE COMMAND --x=false`)
 * is the container's and stays as it is, as does everything after `--`.
 */
export function rewriteBoolFlags(argv: readonly string[], spec: CommandSpec, start: number): string[] {
  const out = argv.slice(0, start);
  let s = spec;
  let i = start;
  // a subcommand (`image ls`) has the options
  if (s.sub && i < argv.length) {
    const sub = s.sub.find((c) => c.name === argv[i] || c.aliases?.includes(argv[i]));
    if (sub) {
      s = sub;
      out.push(argv[i++]);
    }
  }
  const bools = new Map<string, string | undefined>();
  const valued = new Set<string>();
  for (const o of s.options ?? []) {
    const names = o.flags.split(/[ ,]+/).filter((f) => f.startsWith('-'));
    const takesValue = /[<[]/.test(o.flags);
    for (const n of names) {
      if (takesValue) valued.add(n);
      else bools.set(n, o.negatable);
    }
  }
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (!a.startsWith('-') || a === '-') {
      if (s.passThrough) break;
      out.push(a);
      continue;
    }
    const m = /^(--?[\w-]+)=(.*)$/s.exec(a);
    const value = m && bools.has(m[1]) ? goBool(m[2]) : null;
    if (m && value !== null) {
      const negatable = bools.get(m[1]);
      if (value) out.push(m[1]);
      else if (negatable) out.push(`--no-${negatable}`);
      continue;
    }
    out.push(a);
    if (valued.has(a) && i + 1 < argv.length) out.push(argv[++i]);
  }
  return out.concat(argv.slice(i));
}

/**
 * Where the command word of `argv` is, found by skipping the global options; -1 when that takes more than a plain
 * scan (help, the version, bundled short flags), so that commander sees every command.
 */
export function commandIndex(argv: readonly string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--root' || a === '-s' || a === '--storage-driver') i++;
    else if (a === '-D' || a === '--debug' || a.startsWith('--root=') || a.startsWith('--storage-driver=')) continue;
    else if (a.startsWith('-')) return -1;
    else return i;
  }
  return -1;
}

/** The command `argv` runs (see commandIndex); undefined as well for an unknown name. */
export function commandFor(argv: readonly string[], specs: readonly CommandSpec[] = COMMANDS, at = commandIndex(argv)): CommandSpec | undefined {
  return at < 0 ? undefined : specs.find((s) => s.name === argv[at] || s.aliases?.includes(argv[at]));
}

interface FailedCommand {
  path: string;
  usage: string;
  summary: string;
  args: string;
}

/**
 * A bad command line in docker/cli's (cobra's) words: unknown flags and flags without their value exit 125 with a
 * help hint; a wrong number of arguments exits 1 with the usage, as its `requires exactly/at least N` checks do.
 */
export function commandLineError(e: CommanderError & { berthCommand?: FailedCommand }, argv: readonly string[]): { text: string; code: number } {
  const c = e.berthCommand;
  const path = c?.path ?? 'berth';
  const hint = `\nSee '${path} --help'.`;
  const quoted = /'([^']*)'/.exec(e.message)?.[1] ?? '';
  if (e.code === 'commander.unknownCommand') return { text: `berth: '${quoted}' is not a berth command.${hint}\n`, code: 1 };
  if (e.code === 'commander.unknownOption') return { text: `unknown flag: ${quoted.split('=')[0]}${hint}\n`, code: EXIT_USAGE };
  if (e.code === 'commander.optionMissingArgument') {
    // the flag as it was typed: `-t` is `'t' in -t`, `--tag` itself
    const names = quoted.split(/[\s,|]+/).filter((w) => w.startsWith('-'));
    const typed = [...argv].reverse().find((a) => names.includes(a)) ?? names[names.length - 1] ?? quoted;
    return { text: `flag needs an argument: ${typed.startsWith('--') ? typed : `'${typed.slice(1)}' in ${typed}`}${hint}\n`, code: EXIT_USAGE };
  }
  if ((e.code === 'commander.missingArgument' || e.code === 'commander.excessArguments') && c) {
    const required = (c.args.match(/<[^>]+>/g) ?? []).length;
    const all = (c.args.match(/<[^>]+>|\[[^\]]+\]/g) ?? []).length;
    const variadic = /\.\.\.[>\]]/.test(c.args);
    const plural = (n: number) => `${n} argument${n === 1 ? '' : 's'}`;
    const rule =
      all === 0 ? 'accepts no arguments'
      : e.code === 'commander.excessArguments' && !variadic && all > required ? `requires at most ${plural(all)}`
      : `requires ${variadic || all > required ? 'at least' : 'exactly'} ${plural(required)}`;
    return { text: `"${path}" ${rule}.${hint}\n\nUsage:  ${path} ${c.usage}\n\n${c.summary}\n`, code: 1 };
  }
  return { text: `${e.message.replace(/^error: /, '')}${hint}\n`, code: EXIT_USAGE };
}

/** Linux's SIGUSR1 on the architectures berth runs on (x86-64, arm64). */
const SIGUSR1 = 10;

/**
 * node answers a SIGUSR1 that no listener takes by opening its inspector on 127.0.0.1:9229: a debugger any local user
 * could connect to, in a process that often runs as root. berth ends instead, as Docker's CLI (Go) does, with the
 * status a shell reports for that (128 + 10), unless the command passes the signal on (run, attach).
 */
export function endOnSIGUSR1(): void {
  process.on('SIGUSR1', () => {
    if (process.listenerCount('SIGUSR1') === 1) process.exit(128 + SIGUSR1);
  });
}

export async function main(argv: string[]): Promise<void> {
  adoptDeferredExtraCA();
  endOnSIGUSR1();
  // A reader that went away (`berth images | head`): stop quietly, as Docker's CLI dies of SIGPIPE. Commands that
  // stream a container's output handle EPIPE themselves (they add their own listener). Set when stdout is made.
  watchStdio({
    stdout: (out) =>
      out.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EPIPE' && out.listenerCount('error') === 1) process.exit(141);
      }),
  });
  const program = new Command('berth');
  const ctxRef: { ctx?: Context } = {};
  program
    .description('A daemonless, Docker-compatible container image and container engine')
    .option('--root <dir>', 'store directory (env BERTH_ROOT)', defaultRoot())
    .addOption(new Option('-s, --storage-driver <driver>', 'storage driver').choices(['overlay', 'vfs']))
    .option('-D, --debug', 'print stack traces of internal errors')
    .version(VERSION, '-v, --version', 'print the version')
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), outputError: () => {} })
    .hook('preAction', (cmd) => {
      ctxRef.ctx = new Context(cmd.opts() as GlobalOptions);
    });
  const at = commandIndex(argv);
  const only = commandFor(argv, COMMANDS, at);
  for (const spec of only ? [only] : COMMANDS) addCommand(program, spec, ctxRef, 'berth').passThroughOptions(!!spec.passThrough);
  try {
    await program.parseAsync(only ? rewriteBoolFlags(argv, only, at + 1) : argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') {
        process.exitCode = 0;
        return;
      }
      if (e.code === 'commander.executeSubCommandAsync') {
        process.exitCode = 1;
        return;
      }
      const { text, code } = commandLineError(e, argv);
      process.stderr.write(text);
      process.exitCode = code;
      return;
    }
    process.exitCode = reportError(e, program.opts().debug);
  }
}
