// A Duplex around a child process that filters stdin → stdout (`zstd -dc`, `xz -dc`, `zstd -c`): backpressure both
// ways, and a failure of the child (missing binary, non-zero exit with its stderr) surfaces as a stream error
// before the readable side ends, so a truncated output never looks like a clean EOF.

import { spawn, type ChildProcess } from 'node:child_process';
import { Duplex } from 'node:stream';
import { BerthError, type ErrorCode } from '../errors.js';

const STDERR_KEEP = 4096;

export class ChildFilter extends Duplex {
  private readonly child: ChildProcess;
  private stderr = '';
  private stdinGone = false;
  private pendingWrite: (() => void) | null = null;
  private exited = false;

  /** `what` names the operation in messages ("zstd decompression"); `code` is the BerthError code of a failure. */
  constructor(
    private readonly command: string,
    args: string[],
    private readonly what: string,
    private readonly code: ErrorCode,
  ) {
    super();
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    const stdin = child.stdin!;
    const stdout = child.stdout!;
    const gone = () => {
      this.stdinGone = true;
      this.flushPendingWrite();
    };
    stdin.on('error', gone);
    stdin.on('close', gone);
    stdin.on('drain', () => this.flushPendingWrite());
    stdout.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) stdout.pause();
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      if (this.stderr.length < STDERR_KEEP) this.stderr += chunk.toString('utf8');
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      this.exited = true;
      const why = err.code === 'ENOENT' ? `${command} is not installed` : err.message;
      this.destroy(new BerthError('FAILED_PRECONDITION', `${what}: ${why}`, { cause: err }));
    });
    child.on('close', (code, signal) => this.onClose(code, signal));
  }

  private onClose(code: number | null, signal: NodeJS.Signals | null): void {
    this.exited = true;
    this.flushPendingWrite();
    if (this.destroyed) return;
    if (code === 0) {
      this.push(null);
      return;
    }
    const detail = this.stderr.trim().split('\n').filter(Boolean).pop() ?? '';
    const status = signal ? `killed by ${signal}` : `exit code ${code}`;
    this.destroy(
      new BerthError(this.code, `${this.what} failed: ${this.command} ${status}${detail ? `: ${detail}` : ''}`),
    );
  }

  private flushPendingWrite(): void {
    const cb = this.pendingWrite;
    this.pendingWrite = null;
    cb?.();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    if (this.stdinGone) return cb();
    if (this.child.stdin!.write(chunk)) cb();
    else this.pendingWrite = () => cb();
  }

  override _final(cb: (err?: Error | null) => void): void {
    if (!this.stdinGone) this.child.stdin!.end();
    cb();
  }

  override _read(): void {
    this.child.stdout!.resume();
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    if (!this.exited) this.child.kill('SIGTERM');
    this.flushPendingWrite();
    cb(err);
  }
}
