// Registries for pull and push: checks that the shared source registry (127.0.0.1:5000) holds the app
// workload, and starts throwaway Distribution registries (docker-registry serve) on a free loopback port.
import { spawn } from 'node:child_process';
import { mkdir, open, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { quiet } from './proc.mjs';
import { removeTree, scratch } from './fs.mjs';

export const SOURCE = '127.0.0.1:5000';
const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** null when `host/repo:tag` answers, otherwise why not. */
export async function checkImage(host, repo, tag) {
  try {
    const res = await fetch(`http://${host}/v2/${repo}/manifests/${tag}`, { method: 'HEAD', headers: { accept: MANIFEST_TYPES } });
    return res.ok ? null : `${host}/${repo}:${tag} not in the registry (HTTP ${res.status}); run anchors.sh`;
  } catch (e) {
    return `no registry on ${host} (${e.cause?.code ?? e.message}); run anchors.sh`;
  }
}

export async function registryAvailable() {
  return (await quiet('docker-registry', ['--version'])).code === 0 ? null : 'docker-registry not installed';
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** An empty registry with its own storage; stop() kills it and deletes the storage. */
export async function throwawayRegistry(work) {
  const dir = await scratch(join(work, 'registries'), 'reg');
  const port = await freePort();
  const config = join(dir, 'config.yml');
  await mkdir(join(dir, 'data'));
  await writeFile(config, [
    'version: 0.1', 'log:', '  level: error', 'storage:', '  filesystem:', `    rootdirectory: ${join(dir, 'data')}`,
    'http:', `  addr: 127.0.0.1:${port}`, '',
  ].join('\n'));
  const log = await open(join(dir, 'log'), 'a');
  const child = spawn('docker-registry', ['serve', config], { stdio: ['ignore', log.fd, log.fd] });
  await log.close();
  const exited = new Promise((r) => child.once('exit', r));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(5000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    await removeTree(dir);
  };
  const host = `127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://${host}/v2/`)).ok) return { host, stop };
    } catch { /* not listening yet */ }
    if (child.exitCode !== null) break;
    await sleep(100);
  }
  await stop();
  throw new Error(`docker-registry did not start on ${host}`);
}
