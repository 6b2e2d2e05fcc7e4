// The podman anchor: podman 4.3 with runc in a private store (--root/--runroot/--tmpdir under the work dir),
// run with the explicit rlimits bench/README.md describes (root here cannot raise them).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { must, quiet, timed } from './proc.mjs';
import { removeTree } from './fs.mjs';

export const PODMAN_RUN_FLAGS = ['--ulimit', 'nofile=1024:1024', '--ulimit', 'nproc=1024:1024'];

export async function startPodman(work) {
  const probe = await quiet('podman', ['--version']);
  if (probe.code !== 0) return { missing: 'podman not installed' };
  if ((await quiet('runc', ['--version'])).code !== 0) return { missing: 'runc not installed (podman runs with runc here)' };
  const dir = join(work, 'podman');
  await mkdir(dir, { recursive: true });
  const base = ['--root', join(dir, 'root'), '--runroot', join(dir, 'run'), '--tmpdir', join(dir, 'tmp'), '--runtime', 'runc'];
  return {
    name: 'podman',
    version: probe.stdout.trim().replace(/^podman version /, ''),
    run: (args, opts) => timed('podman', [...base, ...args], opts),
    must: (args, opts) => must('podman', [...base, ...args], opts),
    async stop() {
      await quiet('podman', [...base, 'rm', '-af']);
      await quiet('podman', [...base, 'rmi', '-af']);
      await removeTree(dir);
    },
  };
}
