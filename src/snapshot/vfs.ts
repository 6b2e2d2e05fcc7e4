// The vfs driver: works on any filesystem, no union mount. A container's writable layer is a full copy of its
// image (and init layer) at <root>/vfs/<key>/rootfs, beside init/ (the init layer, which diff compares against too)
// and parent (the image's top chainID). The copy is bind-mounted, or handed to the runtime as the root path.

import { chmod, chown, mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { lstatSync } from 'node:fs';
import { joinPath } from '../sys/join-path.js';
import { isDigest, type Digest } from '../digest/digest.js';
import { BerthError } from '../errors.js';
import type { Mount } from '../sys/mount.js';
import { layerChanges } from '../layer/changes.js';
import { layerDirs } from './image-layers.js';
import { writeInitLayer } from './init-layer.js';
import { copyLayers } from './copy-layers.js';
import { checkKey, isDir, noSuchLayer, withScratch } from './writable.js';
import type { PrepareOptions, SnapshotStore, Snapshotter, UpperDir } from './snapshotter.js';

export class VfsSnapshotter implements Snapshotter {
  readonly name = 'vfs';
  readonly home: string;

  constructor(private readonly store: SnapshotStore) {
    this.home = joinPath(store.root, 'vfs');
  }

  private dir(key: string): string {
    return joinPath(this.home, checkKey(key));
  }

  async prepare(key: string, parent: Digest | null, opts: PrepareOptions = {}): Promise<Mount[]> {
    const dir = this.dir(key);
    if (await isDir(joinPath(dir, 'rootfs'))) throw new BerthError('ALREADY_EXISTS', `writable layer ${key} already exists`);
    const images = await layerDirs(this.store.layers, parent);
    await withScratch(this.store, opts.scratch, async (tmp) => {
      const rootfs = joinPath(tmp, 'rootfs');
      await mkdir(rootfs, { mode: 0o755 });
      await mkdir(joinPath(tmp, 'init'), { mode: 0o755 });
      if (opts.init !== false) writeInitLayer(joinPath(tmp, 'init'), images);
      await copyLayers([...images].reverse(), rootfs);
      await copyLayers([joinPath(tmp, 'init')], rootfs);
      // The copies gave the root the layer directories' own modes; a container's root is 0755 root:root, as
      // overlay's upper directory makes it.
      await chown(rootfs, 0, 0);
      await chmod(rootfs, 0o755);
      await writeFile(joinPath(tmp, 'parent'), parent ?? '');
      await mkdir(this.home, { recursive: true, mode: 0o700 });
      await rename(tmp, dir);
    });
    return this.mounts(key);
  }

  private async parentOf(key: string): Promise<Digest | null> {
    const dir = this.dir(key);
    const text = await readFile(joinPath(dir, 'parent'), 'utf8').catch(() => null);
    if (text === null || !(await isDir(joinPath(dir, 'rootfs')))) throw noSuchLayer(key);
    const p = text.trim();
    return isDigest(p) ? p : null;
  }

  async mounts(key: string): Promise<Mount[]> {
    await this.parentOf(key);
    return [{ type: 'bind', source: joinPath(this.dir(key), 'rootfs'), options: ['bind'] }];
  }

  async upper(key: string): Promise<UpperDir> {
    const parent = await this.parentOf(key);
    const dir = this.dir(key);
    const images = await layerDirs(this.store.layers, parent);
    return { path: joinPath(dir, 'rootfs'), kind: 'full', parent, lowers: [joinPath(dir, 'init'), ...images] };
  }

  /** What the changes hold (moby's ChangesSize, which Docker's vfs reports): non-directories, each inode once. */
  async usage(key: string): Promise<number> {
    const upper = await this.upper(key);
    const seen = new Set<number>();
    let total = 0;
    for (const c of layerChanges(upper)) {
      if (c.kind === 'D') continue;
      const st = lstatSync(`${upper.path}${c.path}`, { throwIfNoEntry: false });
      if (!st || st.isDirectory()) continue;
      if (st.nlink > 1) {
        if (seen.has(st.ino)) continue;
        seen.add(st.ino);
      }
      total += st.size;
    }
    return total;
  }

  async remove(key: string): Promise<void> {
    await rm(this.dir(key), { recursive: true, force: true });
  }

  async list(): Promise<string[]> {
    const out: string[] = [];
    for (const name of await readdir(this.home).catch(() => [] as string[])) {
      if (/^[0-9a-f]{64}$/.test(name) && (await isDir(joinPath(this.home, name, 'rootfs')))) out.push(name);
    }
    return out.sort();
  }
}
