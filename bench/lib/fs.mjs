// Scratch directories for the benchmark: created under the work dir, and removed together with any mounts
// an engine left inside them (deepest first), so a run leaves nothing mounted behind.
import { mkdir, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { timed } from './proc.mjs';

const filesystems = new Map();
const loops = [];

/**
 * A filesystem of its own for one engine's stores: a sparse ext4 image (no journal, like this VM's root filesystem)
 * loop-mounted at `<work>/<name>`, made once per run. On one shared journal-less ext4 the engines paid for each
 * other's deletions (its allocator skips the inodes freed in the last minutes one by one: Docker's build deletes
 * each RUN container's files, and berth's next round created its own among them); on a filesystem each, every
 * engine pays only for its own. A plain directory where that can't be made (not root, no loop devices).
 */
export function ownFilesystem(work, name) {
  if (!filesystems.has(name)) filesystems.set(name, makeFilesystem(work, name));
  return filesystems.get(name);
}

async function makeFilesystem(work, name) {
  const dir = join(work, name);
  await mkdir(dir, { recursive: true });
  const image = join(work, `${name}.ext4`);
  const ok = async (cmd, args) => (await timed(cmd, args)).code === 0;
  if ((await ok('truncate', ['-s', '64G', image])) && (await ok('mkfs.ext4', ['-q', '-F', '-O', '^has_journal', image]))) {
    // direct I/O: the image's blocks go to the disk as the host filesystem's would, not through a second page cache
    // (which would make a flush write everything twice)
    const loop = await timed('losetup', ['--direct-io=on', '-f', '--show', image], { keepStdout: true });
    const dev = loop.stdout.trim();
    if (dev) loops.push(dev);
    if (loop.code === 0 && dev && (await ok('mount', [dev, dir]))) return dir;
  }
  await rm(image, { force: true });
  return dir;
}

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

async function unmountUnder(dir) {
  for (const point of await mountsUnder(dir)) await timed('umount', ['-l', point]);
}

/** Unmounts whatever is mounted below `dir` (detaching the loop devices ownFilesystem made), then deletes it. */
export async function removeTree(dir) {
  await unmountUnder(dir);
  for (const dev of loops.splice(0)) await timed('losetup', ['-d', dev]);
  await rm(dir, { recursive: true, force: true, maxRetries: 3 });
}

let retired = 0;

/**
 * Unmounts what is mounted below `dir` and moves it into `trash` (removed with the work dir at the end of the run).
 * Deleting a store between rounds would free thousands of inodes right before the next timed step, and this VM's
 * ext4 has no journal: its allocator then skips every inode freed in the last minute one by one, making files
 * created near them 10–20× dearer. Setting stores aside keeps that cost out of every engine's timings alike.
 */
export async function retire(dir, trash) {
  await unmountUnder(dir);
  await mkdir(trash, { recursive: true });
  await rename(dir, join(trash, `${basename(dir)}.${process.pid}.${++retired}`)).catch((e) => {
    if (e.code !== 'ENOENT') throw e;
  });
}

const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Cleans up after earlier runs that died without cleaning up (killed harness): for each `run-*` directory
 * under `base` whose harness (harness.pid) is gone, stops the private dockerds it started (docker-N/docker.pid,
 * only if that process still runs from that directory) and removes the directory.
 */
export async function reapStale(base, log) {
  let entries = [];
  try { entries = await readdir(base); } catch { return; }
  for (const name of entries.filter((n) => n.startsWith('run-'))) {
    const dir = join(base, name);
    const harness = Number(await readFile(join(dir, 'harness.pid'), 'utf8').catch(() => '0'));
    if (harness && alive(harness)) continue; // another run in progress
    const dockers = (await readdir(dir).catch(() => [])).filter((n) => n.startsWith('docker-')).map((n) => join(dir, n));
    for (const d of dockers) {
      const daemon = Number(await readFile(join(d, 'docker.pid'), 'utf8').catch(() => '0'));
      const cmdline = daemon ? await readFile(`/proc/${daemon}/cmdline`, 'utf8').catch(() => '') : '';
      if (!daemon || !cmdline.includes(d)) continue;
      log(`bench: stopping dockerd ${daemon} left by an earlier run`);
      process.kill(daemon, 'SIGTERM');
      for (let i = 0; i < 100 && alive(daemon); i++) await sleep(200);
      if (alive(daemon)) process.kill(daemon, 'SIGKILL');
    }
    await removeTree(dir);
  }
}
