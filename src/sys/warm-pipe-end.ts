// Runs node's end-of-stream path for a local socket once, while nothing else is running on this thread. The first
// time a process sees one of its pipes end (the runtime's stdout and stderr, as a container exits), node compiles
// the JavaScript of that path then: reading EOF, ending the readable side, shutting down and destroying the socket,
// closing its handle (V8 compiles node's own functions lazily, in every process: ~1.5 ms on this 2-core VM, spent
// right on the way from the container's exit to berth's). A connection this process makes to itself — a listening
// socket in the abstract namespace, which leaves no file behind, ended by its accepting side at once — takes the
// same path (node wraps child pipes and unix-domain sockets alike in net.Socket over a Pipe handle) while the
// runtime starts the container and this thread only waits. Best effort: any failure just leaves the path cold.

import { connect, createServer } from 'node:net';
import { randomBytes } from './random.js';

let started = false;

/**
 * Starts the warm-up (once per process); resolves when it is over, successfully or not. Nothing it opens keeps
 * the process alive.
 */
export function warmPipeEnd(): Promise<void> {
  if (started) return Promise.resolve();
  started = true;
  return new Promise<void>((resolve) => {
    try {
      const path = `\0berth-warm-${process.pid}-${randomBytes(8).toString('hex')}`;
      const server = createServer((accepted) => {
        accepted.on('error', () => {});
        accepted.end();
      });
      let finishing = false;
      // over once the server has closed, which waits for its side of the connection to end too
      const finish = () => {
        if (finishing) return;
        finishing = true;
        server.close(() => resolve());
      };
      server.on('error', finish);
      server.unref();
      server.listen(path, () => {
        const client = connect(path);
        client.unref();
        client.on('error', finish);
        client.on('close', finish);
        client.resume();
      });
    } catch {
      resolve();
    }
  });
}
