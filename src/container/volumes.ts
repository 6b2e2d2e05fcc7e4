// Local volumes: <root>/volumes/<name>/_data. A volume made for a mount starts with a copy of what the image has at
// the mount point (Docker's copy-up), unless `nocopy` was asked for; anonymous volumes get random 64-hex names.

import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { exec, describeFailure } from '../sys/exec.js';
import { BerthError } from '../errors.js';
import { lookupInLayers } from './layer-lookup.js';

export function volumesDir(root: string): string {
  return join(root, 'volumes');
}

export function volumeData(root: string, name: string): string {
  return join(volumesDir(root), name, '_data');
}

export const newVolumeName = () => randomBytes(32).toString('hex');

/**
 * Makes volume `name` if it doesn't exist and returns its data directory; a new one is filled from the image's
 * content at `target` (top-most layer that has it) unless `noCopy`.
 */
export async function ensureVolume(root: string, name: string, target: string, lowers: readonly string[], noCopy: boolean): Promise<string> {
  const data = volumeData(root, name);
  const existed = await stat(data).then(
    () => true,
    () => false,
  );
  if (existed) return data;
  await mkdir(join(volumesDir(root), name), { recursive: true, mode: 0o701 });
  await mkdir(data, { mode: 0o755 }).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'EEXIST') throw e;
  });
  if (noCopy) return data;
  const src = await lookupInLayers(lowers, target.replace(/^\/+/, ''));
  if (src?.stat.isDirectory()) {
    const entries = await readdir(src.path);
    if (entries.length > 0) {
      const r = await exec('cp', ['-a', '--', `${src.path}/.`, `${data}/`]);
      if (r.code !== 0) throw new BerthError('FAILED_PRECONDITION', `copying image content into volume ${name}: ${describeFailure('cp', r)}`);
    }
    await exec('chown', ['--reference', src.path, data]);
    await exec('chmod', ['--reference', src.path, data]);
  }
  return data;
}

export async function removeVolume(root: string, name: string): Promise<void> {
  if (!name || name.includes('/') || name === '.' || name === '..') return;
  await rm(join(volumesDir(root), name), { recursive: true, force: true });
}
