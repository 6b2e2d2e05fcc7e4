// The Docker anchor: a private Docker 20.10 daemon (/usr/sbin/dockerd with its own data-root, exec-root and
// socket under the work dir), so every measurement starts from a store we control and the shared daemon's
// images (which other people use meanwhile) are never removed or changed. "Back to an empty store" starts a new
// daemon on a new data-root and sets the old one aside (fs.mjs retire): removing a store frees thousands of
// inodes, and on this VM's journal-less ext4 files made within the next minute near them cost many times more
// (the allocator skips recently freed inodes one by one), which would time the harness's cleanup, not Docker.
import { spawn } from 'node:child_process';
import { access, mkdir, open, readFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { join } from 'node:path';
import { errorLine, must, quiet, timed } from './proc.mjs';
import { ownFilesystem, retire } from './fs.mjs';

const DOCKER = '/usr/bin/docker'; // the `docker` first on PATH may be a mismatched newer client
const DOCKERD = '/usr/sbin/dockerd'; // Debian's docker.io 20.10 engine

const exists = (p) => access(p, constants.X_OK).then(() => true, () => false);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };

/** One dockerd whose every path is under `dir`; resolves to it, or to { missing } when it does not come up. */
async function launch(dir) {
  await mkdir(dir, { recursive: true });
  const sock = join(dir, 'docker.sock');
  const log = await open(join(dir, 'dockerd.log'), 'a');
  const daemon = spawn(DOCKERD, [
    '--data-root', join(dir, 'data'), '--exec-root', join(dir, 'exec'), '--pidfile', join(dir, 'docker.pid'),
    '--host', `unix://${sock}`, '--iptables=false', '--ip-masq=false', '--bridge=none',
  ], { detached: true, stdio: ['ignore', log.fd, log.fd] });
  daemon.unref();
  await log.close();
  const base = ['-H', `unix://${sock}`];
  const stop = async () => {
    if (daemon.pid && alive(daemon.pid)) {
      const ids = (await quiet(DOCKER, [...base, 'ps', '-aq'])).stdout.split('\n').filter(Boolean);
      if (ids.length) await quiet(DOCKER, [...base, 'rm', '-f', ...ids]);
      process.kill(daemon.pid, 'SIGTERM');
      for (let i = 0; i < 100 && alive(daemon.pid); i++) await sleep(200);
      if (alive(daemon.pid)) process.kill(daemon.pid, 'SIGKILL');
    }
  };
  let up = false;
  for (let i = 0; i < 150 && !up; i++) {
    if (daemon.exitCode !== null) break;
    up = (await quiet(DOCKER, [...base, 'version', '--format', '{{.Server.Version}}'])).code === 0;
    if (!up) await sleep(200);
  }
  if (!up) {
    const said = await readFile(join(dir, 'dockerd.log'), 'utf8').catch(() => '');
    await stop();
    return { missing: `a private dockerd did not start: ${errorLine(said) || 'no output'}` };
  }
  return { base, stop };
}

/** Starts the daemon; resolves to the engine, or to { missing: reason } when Docker is not usable here. */
export async function startDocker(work) {
  if (!(await exists(DOCKER)) || !(await exists(DOCKERD))) return { missing: 'Docker not installed (/usr/bin/docker, /usr/sbin/dockerd)' };
  const area = await ownFilesystem(work, 'docker-fs');
  const trash = join(area, 'retired');
  let generation = 0;
  let dir = join(area, `docker-${generation}`);
  let current = await launch(dir);
  if (current.missing) return current;
  const version = (await quiet(DOCKER, [...current.base, 'version', '--format', '{{.Server.Version}}'])).stdout.trim();
  const stop = async () => {
    await current.stop();
    await retire(dir, trash);
  };
  return {
    name: 'docker',
    version,
    argv: (args) => [DOCKER, ...current.base, ...args],
    run: (args, opts) => timed(DOCKER, [...current.base, ...args], opts),
    must: (args, opts) => must(DOCKER, [...current.base, ...args], opts),
    /** Back to an empty store (no containers, images or layers): a new daemon on a new data-root. */
    async reset() {
      await stop();
      dir = join(area, `docker-${++generation}`);
      const next = await launch(dir);
      if (next.missing) throw new Error(next.missing);
      current = next;
    },
    stop,
  };
}
