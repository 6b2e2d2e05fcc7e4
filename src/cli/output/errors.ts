// Error → message and exit code, decided here only: one line on stderr, never a stack trace for user error.

import { BerthError } from '../../errors.js';

/** Docker's CLI exits 1 for a failed command and 125 for usage errors (unknown flags, bad arguments). */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 125;

export class UsageError extends Error {
  constructor(
    message: string,
    readonly command: string,
  ) {
    super(message);
  }
}

export function reportError(e: unknown, debug = false): number {
  if (e instanceof UsageError) {
    process.stderr.write(`${e.message}\nSee '${e.command} --help'.\n`);
    return EXIT_USAGE;
  }
  if (e instanceof BerthError) {
    process.stderr.write(`Error: ${e.message}\n`);
    if (debug && e.stack) process.stderr.write(e.stack + '\n');
    return EXIT_FAILURE;
  }
  const err = e as NodeJS.ErrnoException;
  if (err && typeof err === 'object' && err.code && err.syscall) {
    process.stderr.write(`Error: ${err.message}\n`);
    if (debug && err.stack) process.stderr.write(err.stack + '\n');
    return EXIT_FAILURE;
  }
  process.stderr.write(`Error: internal error: ${(err && err.stack) || String(e)}\n`);
  return EXIT_FAILURE;
}
