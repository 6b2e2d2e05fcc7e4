// runc and crun through their command lines (the OCI runtime CLI conventions both follow): global `--root` and
// `--log`/`--log-format json`, `run --bundle --pid-file`, `exec --process`, `kill`, `state`, `delete`.

import { spawn } from 'node:child_process';
import { spawnProcess, type SpawnedProcess } from '../../sys/spawn-process.js';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { joinPath } from '../../sys/join-path.js';
import { exec as execCmd, describeFailure } from '../../sys/exec.js';
import { BerthError } from '../../errors.js';
import type { ExecOptions, OciRuntime, RunOptions, RuntimeState } from './types.js';

/** A shell word, for the one command line `script -c` takes. */
const shellQuote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

export class CliRuntime implements OciRuntime {
  constructor(
    readonly name: string,
    readonly binary: string,
    readonly root: string,
  ) {}

  private global(logFile?: string): string[] {
    const g = ['--root', this.root];
    if (logFile) g.push('--log', logFile, '--log-format', 'json');
    return g;
  }

  private launch(args: string[], opts: RunOptions): SpawnedProcess {
    if (opts.ptyWrapper) {
      const line = [this.binary, ...args].map(shellQuote).join(' ');
      return spawn('script', ['-qfec', line, '/dev/null'], { stdio: opts.stdio, cwd: opts.cwd, env: { ...process.env, SHELL: '/bin/sh' } });
    }
    // every start goes through here: node's process bindings where it can (sys/spawn-process.ts)
    return spawnProcess(this.binary, args, { stdio: opts.stdio, cwd: opts.cwd });
  }

  run(id: string, bundle: string, opts: RunOptions): SpawnedProcess {
    return this.launch([...this.global(opts.logFile), 'run', '--bundle', bundle, '--pid-file', opts.pidFile, id], opts);
  }

  exec(id: string, opts: ExecOptions): SpawnedProcess {
    const args = [...this.global(opts.logFile), 'exec', '--process', opts.processFile, '--pid-file', opts.pidFile];
    if (opts.detach) args.push('--detach');
    return this.launch([...args, id], opts);
  }

  async kill(id: string, signal: string, all = false): Promise<void> {
    const r = await execCmd(this.binary, [...this.global(), 'kill', ...(all ? ['--all'] : []), id, signal]);
    if (r.code !== 0) throw new BerthError('FAILED_PRECONDITION', describeFailure(this.name, r));
  }

  async pause(id: string): Promise<void> {
    const r = await execCmd(this.binary, [...this.global(), 'pause', id]);
    if (r.code !== 0) throw new BerthError('FAILED_PRECONDITION', describeFailure(this.name, r));
  }

  async resume(id: string): Promise<void> {
    const r = await execCmd(this.binary, [...this.global(), 'resume', id]);
    if (r.code !== 0) throw new BerthError('FAILED_PRECONDITION', describeFailure(this.name, r));
  }

  async state(id: string): Promise<RuntimeState | null> {
    if (!(await stat(joinPath(this.root, id)).catch(() => null))) return null;
    return new Promise((resolve) => {
      const child = spawn(this.binary, [...this.global(), 'state', id], { stdio: ['ignore', 'pipe', 'ignore'] });
      let out = '';
      child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
      child.on('error', () => resolve(null));
      child.on('close', (code) => {
        if (code !== 0) return resolve(null);
        try {
          const s = JSON.parse(out) as RuntimeState;
          resolve({ id: s.id, pid: s.pid, status: s.status });
        } catch {
          resolve(null);
        }
      });
    });
  }

  async delete(id: string, force = false): Promise<void> {
    // usually gone already (`run` deletes its own state): a look on this thread, cheaper than one through the pool
    if (!existsSync(joinPath(this.root, id))) return;
    const r = await execCmd(this.binary, [...this.global(), 'delete', ...(force ? ['--force'] : []), id]);
    if (r.code !== 0 && !/does not exist|not found/.test(r.stderr)) {
      throw new BerthError('FAILED_PRECONDITION', describeFailure(this.name, r));
    }
  }

  async errorFromLog(logFile: string): Promise<string | null> {
    const text = await readFile(logFile, 'utf8').catch(() => '');
    let last: string | null = null;
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const e = JSON.parse(line) as { level?: string; msg?: string };
        if ((e.level === 'error' || e.level === 'fatal') && e.msg) last = e.msg;
      } catch {
        last = line.trim();
      }
    }
    if (last === null) return null;
    return last
      .replace(/^(runc|crun) (run|exec|create|start) failed: /, '')
      .replace(/^(runc|crun): /, '')
      .replace(/^exec failed: /, '');
  }
}
