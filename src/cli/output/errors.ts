// Error → message and exit code, decided here only: one line on stderr, never a stack trace for user error.

import { BerthError } from '../../errors.js';

/** Docker's CLI exits 1 for a failed command and 125 for usage errors (unknown flags, bad arguments). */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 125;
/** 128 + SIGPIPE, what a shell reports for a process killed by a broken pipe. */
export const EXIT_BROKEN_PIPE = 141;

export class UsageError extends Error {
  constructor(
    message: string,
    readonly command: string,
  ) {
    super(message);
  }
}

/**
 * How Docker's CLI words a failure the daemon reported, which varies by command (checked against Docker 20.10):
 * `client` prints `Error: <msg>`; `daemon` prints `Error response from daemon: <msg>` (tag, history, save, stop,
 * kill, commit, diff…); `daemon-but-not-found` is `daemon` except for "No such …", which the client words itself
 * as `Error: No such image: x` (rmi, rm).
 */
export type ErrorStyle = 'client' | 'daemon' | 'daemon-but-not-found';

let style: ErrorStyle = 'client';

/** Set once by the CLI for the command it runs. */
export function setErrorStyle(s: ErrorStyle): void {
  style = s;
}

function prefixFor(e: BerthError): string {
  if (style === 'client' || (style === 'daemon-but-not-found' && e.code === 'NOT_FOUND')) return 'Error: ';
  // References are parsed by Docker's CLI before it calls the daemon.
  if (e.message.startsWith('invalid reference format')) return 'Error: ';
  return 'Error response from daemon: ';
}

export function reportError(e: unknown, debug = false): number {
  if (e instanceof UsageError) {
    process.stderr.write(`${e.message}\nSee '${e.command} --help'.\n`);
    return EXIT_USAGE;
  }
  if (e instanceof BerthError) {
    process.stderr.write(`${prefixFor(e)}${e.message}\n`);
    if (debug && e.stack) process.stderr.write(e.stack + '\n');
    return EXIT_FAILURE;
  }
  const err = e as NodeJS.ErrnoException;
  // Our reader went away (`berth save | head`): Docker's CLI dies of SIGPIPE without a word.
  if (err && typeof err === 'object' && err.code === 'EPIPE') return EXIT_BROKEN_PIPE;
  if (err && typeof err === 'object' && err.code && err.syscall) {
    process.stderr.write(`Error: ${err.message}\n`);
    if (debug && err.stack) process.stderr.write(err.stack + '\n');
    return EXIT_FAILURE;
  }
  process.stderr.write(`Error: internal error: ${(err && err.stack) || String(e)}\n`);
  return EXIT_FAILURE;
}
