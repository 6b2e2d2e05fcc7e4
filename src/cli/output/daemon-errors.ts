// How Docker's CLI reports failures of operations its daemon performs (pull, push, login, search): an error the
// daemon answered before the operation produced output is `Error response from daemon: <msg>`; one that came
// while it was streaming progress, or one the CLI found itself, is the bare message. Exit status 1 either way.

import { BerthError } from '../../errors.js';
import { EXIT_FAILURE, reportError } from './errors.js';

export const DAEMON_PREFIX = 'Error response from daemon: ';

export function reportDaemonError(e: unknown, prefix: string, debug = false): number {
  if (!(e instanceof BerthError)) return reportError(e, debug);
  process.stderr.write(`${prefix}${e.message}\n`);
  if (debug && e.stack) process.stderr.write(e.stack + '\n');
  return EXIT_FAILURE;
}
