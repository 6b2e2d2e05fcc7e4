// Runs a system command (mount, mknod, flock…) and reports its exit status and stderr; the one way sys/ spawns.

import { spawn, type StdioOptions } from 'node:child_process';

export interface ExecResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

export interface ExecOptions {
  cwd?: string;
  /** Extra descriptors handed to the child after stdin/stdout/stderr (the first one becomes its fd 3). */
  fds?: number[];
  signal?: AbortSignal;
  /** 'ignore' spares the pipe (the first one a process makes costs over a millisecond); stderr is then ''. */
  stderr?: 'pipe' | 'ignore';
}

export function exec(cmd: string, args: string[], opts: ExecOptions = {}): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const stdio: StdioOptions = ['ignore', 'ignore', opts.stderr ?? 'pipe', ...(opts.fds ?? [])];
    const child = spawn(cmd, args, { stdio, cwd: opts.cwd, signal: opts.signal });
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (s: string) => {
      if (stderr.length < 8192) stderr += s;
    });
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stderr: stderr.trim() }));
  });
}

/** The first line of a command's stderr, or how it ended: for one-line error messages. */
export function describeFailure(cmd: string, r: ExecResult): string {
  const line = r.stderr.split('\n')[0];
  if (line) return line;
  return r.signal ? `${cmd} killed by ${r.signal}` : `${cmd} exited with status ${r.code}`;
}
