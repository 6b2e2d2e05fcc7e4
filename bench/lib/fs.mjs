// Scratch directories for the benchmark: created under the work dir, and removed together with any mounts
// an engine left inside them (deepest first), so a run leaves nothing mounted behind.
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { timed } from './proc.mjs';

/** A new empty directory under `parent`, named with `prefix`. */
export async function scratch(parent, prefix) {
  await mkdir(parent, { recursive: true });
  return mkdtemp(join(parent, `${prefix}-`));
}

/** Mount points at or below `dir`, from /proc/self/mountinfo, deepest first. */
export async function mountsUnder(dir) {
  const info = await readFile('/proc/self/mountinfo', 'utf8');
  const prefix = dir.endsWith('/') ? dir : `${dir}/`;
  const points = [];
  for (const line of info.split('\n')) {
    const field = line.split(' ')[4];
    if (!field) continue;
    const point = field.replace(/\\([0-7]{3})/g, (_, o) => String.fromCharCode(parseInt(o, 8)));
    if (point === dir || point.startsWith(prefix)) points.push(point);
  }
  return points.sort((a, b) => b.length - a.length);
}

/** Unmounts whatever is mounted below `dir`, then deletes it. */
export async function removeTree(dir) {
  for (const point of await mountsUnder(dir)) await timed('umount', ['-l', point]);
  await rm(dir, { recursive: true, force: true, maxRetries: 3 });
}

const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Cleans up after earlier runs that died without cleaning up (killed harness): for each `run-*` directory
 * under `base` whose harness (harness.pid) is gone, stops the private dockerd it started (docker/docker.pid,
 * only if that process still runs from that directory) and removes the directory.
 */
export async function reapStale(base, log) {
  let entries = [];
  try { entries = await readdir(base); } catch { return; }
  for (const name of entries.filter((n) => n.startsWith('run-'))) {
    const dir = join(base, name);
    const harness = Number(await readFile(join(dir, 'harness.pid'), 'utf8').catch(() => '0'));
    if (harness && alive(harness)) continue; // another run in progress
    const daemon = Number(await readFile(join(dir, 'docker', 'docker.pid'), 'utf8').catch(() => '0'));
    const cmdline = daemon ? await readFile(`/proc/${daemon}/cmdline`, 'utf8').catch(() => '') : '';
    if (daemon && cmdline.includes(dir)) {
      log(`bench: stopping dockerd ${daemon} left by an earlier run`);
      process.kill(daemon, 'SIGTERM');
      for (let i = 0; i < 100 && alive(daemon); i++) await sleep(200);
      if (alive(daemon)) process.kill(daemon, 'SIGKILL');
    }
    await removeTree(dir);
  }
}
