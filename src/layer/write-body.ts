// Streams an entry body into an open file descriptor with synchronous writes as chunks arrive: no buffering
// beyond the chunk in hand, one promise per file.

import { writeSync } from 'node:fs';
import type { Readable } from 'node:stream';

function writeAll(fd: number, buf: Uint8Array): void {
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
}

/** Writes the body to `fd` as it arrives; resolves with the byte count. */
export function writeBody(body: Readable, fd: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let n = 0;
    const done = (err: unknown) => {
      body.off('data', onData);
      body.off('end', onEnd);
      body.off('error', done);
      if (err) reject(err);
      else resolve(n);
    };
    const onData = (chunk: Uint8Array) => {
      try {
        writeAll(fd, chunk);
        n += chunk.length;
      } catch (e) {
        done(e);
      }
    };
    const onEnd = () => done(null);
    body.on('data', onData);
    body.once('end', onEnd);
    body.once('error', done);
  });
}
