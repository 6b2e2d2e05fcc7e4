// Attaching to a running container: its output from now on (read from its json-file log as the monitor writes it),
// to this process's stdout and stderr, until it stops; then its exit code. The container's stdin stays with whoever
// started it (berth has no daemon to hand it over): the output-and-wait half of Docker's attach. A container
// without a log (`--log-driver none`) gives only the wait.

import { statSync } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Store } from '../store/store.js';
import { readLog } from './log-file.js';
import type { Container } from './record.js';

export async function attachOutput(store: Store, c: Container, out: { stdout: Writable; stderr: Writable }): Promise<number> {
  const cs = store.containers;
  const path = cs.logPath(c.id);
  const from = statSync(path, { throwIfNoEntry: false })?.size ?? 0;
  const running = () => cs.exists(c.id) && cs.readState(c.id).status === 'running';
  if (c.host.logConfig?.Type === 'none') {
    // no log to follow (`--log-driver none`): only the wait for the exit code
    while (running()) await new Promise((r) => setTimeout(r, 100));
  } else {
    for await (const e of readLog(path, { follow: true, from, done: () => !running() })) {
      (e.stream === 'stderr' ? out.stderr : out.stdout).write(e.log);
    }
  }
  if (!cs.exists(c.id)) return cs.removedExitCode(c.id) ?? 0;
  return cs.readState(c.id).exitCode;
}
