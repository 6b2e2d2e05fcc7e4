// Local volumes: <root>/volumes/<name>/_data. A volume made for a mount starts with a copy of what the image has at
// the mount point (Docker's copy-up), unless `nocopy` was asked for; anonymous volumes get random 64-hex names.

import { mkdir, readdir, stat } from 'node:fs/promises';
import { joinPath } from '../sys/join-path.js';
import { randomBytes } from '../sys/random.js';
import { exec } from '../sys/exec.js';
import { BerthError } from '../errors.js';
import { lookupInLayers } from './layer-lookup.js';
import { listDir } from '../layer/lower-view.js';
import { applyLayerDir } from '../snapshot/copy-layers.js';

export function volumesDir(root: string): string {
  return joinPath(root, 'volumes');
}

export function volumeData(root: string, name: string): string {
  return joinPath(volumesDir(root), name, '_data');
}

export const newVolumeName = () => randomBytes(32).toString('hex');

/**
 * Makes volume `name` if it doesn't exist and returns its data directory; an empty one (new or not) is filled from
 * the image's content at `target` (the merged directory) unless `noCopy`.
 */
export async function ensureVolume(root: string, name: string, target: string, lowers: readonly string[], noCopy: boolean): Promise<string> {
  const data = volumeData(root, name);
  const existed = await stat(data).then(
    () => true,
    () => false,
  );
  if (existed) {
    // as moby's copyExistingContents: a volume is filled from the image while it is empty (one `volume create`
    // made, or one emptied since), not only when this container makes it
    if (noCopy || (await readdir(data)).length > 0) return data;
  } else {
    await mkdir(joinPath(volumesDir(root), name), { recursive: true, mode: 0o701 });
    await mkdir(data, { mode: 0o755 }).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
  }
  if (noCopy) return data;
  const src = lookupInLayers(lowers, target.replace(/^\/+/, ''));
  if (src?.stat.isDirectory()) {
    // The merged directory, as the container sees it: every layer's part of it, bottom first, whiteouts applied.
    if (listDir(src.view).size > 0) {
      try {
        for (const layer of [...src.view].reverse()) await applyLayerDir(layer, data);
      } catch (e) {
        throw new BerthError('FAILED_PRECONDITION', `copying image content into volume ${name}: ${(e as Error).message}`);
      }
    }
    await exec('chown', ['--reference', src.path, data]);
    await exec('chmod', ['--reference', src.path, data]);
  }
  return data;
}

