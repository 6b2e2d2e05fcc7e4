// The classic builder's progress lines (`Step 1/3 : FROM scratch`, ` ---> <id>`, ` ---> Using cache`, ` ---> Running
// in <id>`, `Removing intermediate container <id>`, `Successfully built/tagged …`). With -q everything is held back
// and shown on stderr only if the build fails, as Docker's CLI does.

import { Writable } from 'node:stream';
import { humanSize } from '../format/units.js';

const RED = Buffer.from('\x1b[91m');
const RESET = Buffer.from('\x1b[0m');

export const shortID = (id: string | null | undefined): string => (id ?? '').replace(/^sha256:/, '').slice(0, 12);

export class BuildOutput {
  private held: Buffer[] = [];

  constructor(
    private readonly out: Writable,
    readonly quiet: boolean,
  ) {}

  write(s: string | Buffer): void {
    if (this.quiet) this.held.push(Buffer.from(s));
    else this.out.write(s);
  }

  /** Where RUN sends the container's stdout. */
  get stream(): Writable {
    if (!this.quiet) return this.out;
    return new Writable({
      write: (chunk: Buffer, _enc, cb) => {
        this.held.push(Buffer.from(chunk));
        cb();
      },
    });
  }

  /** Where RUN sends the container's stderr: each write in red, as the daemon's stderr writer wraps it (`\x1b[91m…\x1b[0m`). */
  get errStream(): Writable {
    return new Writable({
      write: (chunk: Buffer, _enc, cb) => {
        this.write(Buffer.concat([RED, chunk, RESET]));
        cb();
      },
    });
  }

  sendingContext(bytes: number): void {
    this.write(`Sending build context to Docker daemon ${humanSize(bytes).padStart(8)}\r\r\n`);
  }
  step(n: number, total: number, original: string): void {
    this.write(`Step ${n}/${total} : ${original}\n`);
  }
  arrow(id: string | null): void {
    this.write(` ---> ${shortID(id)}\n`);
  }
  usingCache(): void {
    this.write(' ---> Using cache\n');
  }
  runningIn(container: string): void {
    this.write(` ---> Running in ${shortID(container)}\n`);
  }
  removing(container: string): void {
    this.write(`Removing intermediate container ${shortID(container)}\n`);
  }
  line(s: string): void {
    this.write(s + '\n');
  }
  /** What -q held back. */
  heldBack(): Buffer {
    return Buffer.concat(this.held);
  }
}
