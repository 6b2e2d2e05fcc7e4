// berth exec [-d] [-i] [-t] [-e] [-u] [-w] CONTAINER COMMAND [ARG...]: another process in a running container,
// through the runtime's exec, with the container's environment, user and working directory as defaults.

import { writeFile, rm } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from '../../sys/random.js';
import type { Context } from '../context.js';
import { resolveContainer } from '../../container/resolve.js';
import { runtimeByName } from '../../container/runtime/detect.js';
import { execProcess, processEnv } from '../../container/spec.js';
import { processCapabilities } from '../../container/capabilities.js';
import { containerUser } from '../../container/bundle.js';
import { waitForFile } from '../../container/supervise.js';
import { parseEnvFlag } from '../../container/options.js';
import { BerthError } from '../../errors.js';
import { warmCgroupAttach } from '../../sys/cgroup-attach-warmup.js';

interface ExecFlags {
  detach?: boolean;
  interactive?: boolean;
  tty?: boolean;
  env?: string[];
  user?: string;
  workdir?: string;
}

export async function run(ctx: Context, [name, command]: unknown[], f: ExecFlags): Promise<number> {
  if (f.interactive && f.tty && !f.detach && !process.stdin.isTTY) {
    ctx.stderr.write('the input device is not a TTY\n');
    return 1;
  }
  const store = await ctx.openStore();
  const c = await resolveContainer(store, name as string);
  if (c.state.status !== 'running') throw new BerthError('CONFLICT', `Container ${c.id} is not running`);
  if (c.state.paused) throw new BerthError('CONFLICT', `Container ${c.id} is paused, unpause the container before exec`);
  // runc exec attaches the new process to the container's cgroups: warm that up while the process file is made.
  const warmup = warmCgroupAttach();
  const argv = command as string[];
  const tty = !!f.tty;
  const extra: string[] = [];
  for (const e of f.env ?? []) {
    const v = parseEnvFlag(e, (n) => process.env[n]);
    if (v !== null) extra.push(v);
  }
  const hostname = c.config.Hostname ?? c.id.slice(0, 12);
  const env = processEnv([...(c.config.Env ?? []), ...extra], hostname, tty);
  let u: Awaited<ReturnType<typeof containerUser>>;
  try {
    u = await containerUser(store, c, f.user ?? c.config.User ?? '');
  } catch (e) {
    warmup.stop();
    // Docker 20.10 reports a failed exec start on the attached output, as the OCI runtime's failures below.
    if (!(e instanceof BerthError)) throw e;
    ctx.stdout.write(`${e.message}\n`);
    return 126;
  }
  const bundle = store.containers.bundle(c.id);
  const tag = randomBytes(6).toString('hex');
  const processFile = join(bundle, `exec-${tag}.json`);
  const pidFile = join(bundle, `exec-${tag}.pid`);
  const logFile = join(bundle, `exec-${tag}.log`);
  const user = { uid: u.uid, gid: u.gid, additionalGids: u.additionalGids };
  const cwd = f.workdir || c.config.WorkingDir || '/';
  const capabilities = processCapabilities(c.host);
  await writeFile(processFile, JSON.stringify(execProcess({ args: argv, env, cwd, user, tty, capabilities, noNewPrivileges: !!c.host.noNewPrivileges })));
  const runtime = runtimeByName(c.runtime, store.containers.runtimeRootOf(c.id));
  const terminalHere = tty && !!process.stdin.isTTY && !!process.stdout.isTTY;
  const child = runtime.exec(c.id, {
    processFile,
    pidFile,
    logFile,
    detach: !!f.detach,
    ptyWrapper: tty && !terminalHere && !f.detach,
    // Behind the `script` pseudo-terminal stdin must stay open (see supervise.ts); stderr waits for the start.
    stdio: [
      f.interactive && !f.detach ? 'inherit' : tty && !terminalHere && !f.detach ? 'pipe' : 'ignore',
      f.detach ? 'ignore' : 'inherit',
      terminalHere ? 'inherit' : 'pipe',
    ],
  });
  // The runtime prints its own failure on stderr too: hold stderr back until the process has started.
  let held: Buffer[] | null = [];
  child.stderr?.on('data', (b: Buffer) => (held ? held.push(b) : ctx.stderr.write(b)));
  const stderrDone = new Promise<void>((r) => (child.stderr ? child.stderr.on('end', () => r()) : r()));
  const startedP = waitForFile(bundle, pidFile, child).then((pid) => {
    warmup.stop();
    const q = held;
    held = null;
    if (pid) for (const b of q ?? []) ctx.stderr.write(b);
  });
  const forward = (sig: NodeJS.Signals) => () => child.kill(sig);
  const handlers = (['SIGTERM', 'SIGHUP'] as NodeJS.Signals[]).map((s) => [s, forward(s)] as const);
  for (const [s, h] of handlers) process.on(s, h);
  const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', () => resolve({ code: 126, signal: null }));
  });
  for (const [s, h] of handlers) process.off(s, h);
  await Promise.all([stderrDone, startedP]);
  const started = existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '';
  try {
    if (!started) {
      const detail = (await runtime.errorFromLog(logFile)) ?? `${runtime.name} exited with status ${code}`;
      ctx.stdout.write(`OCI runtime exec failed: exec failed: ${detail}: unknown\n`);
      return 126;
    }
    return code ?? 128 + (signal === 'SIGKILL' ? 9 : 15);
  } finally {
    await Promise.all([processFile, pidFile, logFile].map((p) => rm(p, { force: true })));
  }
}
