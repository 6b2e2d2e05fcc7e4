// Runs one command and measures it: wall time from spawn to exit, exit code and captured output.
// Every timed step of the benchmark goes through timed(); untimed setup uses must() (throws on failure).
import { spawn } from 'node:child_process';

/**
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string, keepStdout?: boolean }} [opts]
 * @returns {Promise<{ code: number, signal: string | null, ms: number, stdout: string, stderr: string }>}
 */
export function timed(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, args, { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    let outBytes = 0;
    child.stdout.on('data', (b) => {
      // keep only the head of big outputs unless asked: the caller needs error text and line counts, not megabytes
      if (opts.keepStdout || outBytes < 1 << 16) out.push(b);
      outBytes += b.length;
    });
    child.stderr.on('data', (b) => err.push(b));
    child.on('error', (e) => resolve({ code: 127, signal: null, ms: 0, stdout: '', stderr: String(e.message) }));
    child.on('close', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      resolve({
        code: code ?? 128,
        signal,
        ms,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

/** Runs a setup command; throws with its stderr when it fails. Returns stdout. */
export async function must(cmd, args, opts = {}) {
  const r = await timed(cmd, args, { ...opts, keepStdout: true });
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')}: exit ${r.code}: ${errorLine(r.stderr || r.stdout)}`);
  return r.stdout;
}

/** Runs a command for its output only; never throws. */
export async function quiet(cmd, args, opts = {}) {
  const r = await timed(cmd, args, { ...opts, keepStdout: true });
  return r;
}

/** The line of an error text that says what failed, trimmed for a table cell. */
export function errorLine(text) {
  const lines = String(text).split('\n').map((l) => l.trim()).filter(Boolean);
  const pick = lines.find((l) => /error/i.test(l)) ?? lines[0] ?? '';
  return pick.length > 160 ? `${pick.slice(0, 157)}...` : pick;
}

/** The machine's busy and total CPU ticks so far (/proc/stat's first line). */
async function cpuTicks() {
  const { readFile } = await import('node:fs/promises');
  const f = (await readFile('/proc/stat', 'utf8')).split('\n')[0].split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - f[3] - (f[4] || 0), total };
}

/**
 * Flushes dirty pages and waits until the machine is idle (below 10% CPU over a quarter second, 15 s at most), so
 * that neither one side's writeback nor its leftover background work (a daemon tidying up after its step) is billed
 * to the next timed step.
 */
export async function settle() {
  await timed('sync', []);
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const a = await cpuTicks();
    await new Promise((r) => setTimeout(r, 250));
    const b = await cpuTicks();
    if (b.total > a.total && (b.busy - a.busy) / (b.total - a.total) < 0.1) return;
  }
}
