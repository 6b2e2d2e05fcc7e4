// The overlay driver (Docker's overlay2 layout): a container's writable layer is <root>/overlay/<key>/ with diff/
// (the upperdir), work/ (overlayfs's workdir), init/ (Docker's init layer, the uppermost lowerdir), link (its short
// name under l/) and lower (the image's short links, uppermost first). Mount options name the lower layers by their
// `l/` links relative to <root>/overlay, so 125 image layers fit in the kernel's one page of mount data.

import { mkdirSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { randomBytes } from '../sys/random.js';
import { join, resolve } from 'node:path';
import type { Digest } from '../digest/digest.js';
import { BerthError } from '../errors.js';
import type { Mount } from '../sys/mount.js';
import { lowerLinks } from './image-layers.js';
import { writeInitLayer } from './init-layer.js';
import { checkKey, isDir, noSuchLayer, treeSize, withScratch } from './writable.js';
import type { PrepareOptions, SnapshotStore, Snapshotter, UpperDir } from './snapshotter.js';
import { readTextOrNull } from '../sys/read-text.js';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A random 26-character [A-Z2-7] name for l/, as overlay2 makes them. */
function randomLink(): string {
  const b = randomBytes(26);
  let out = '';
  for (let i = 0; i < 26; i++) out += BASE32[b[i] & 31];
  return out;
}

let featureOptions: string[] | null = null;

/**
 * Options that keep the upper directory in the plain form diff and commit read: `index=off` where the kernel has
 * the feature (as overlay2 does), and redirect_dir/metacopy off where the kernel turns them on by default.
 */
function kernelOptions(): string[] {
  if (featureOptions) return featureOptions;
  const param = (name: string) => {
    try {
      return readFileSync(`/sys/module/overlay/parameters/${name}`, 'utf8').trim();
    } catch {
      return null;
    }
  };
  const out: string[] = [];
  if (param('index') !== null) out.push('index=off');
  if (param('redirect_dir') === 'Y') out.push('redirect_dir=off');
  if (param('metacopy') === 'Y') out.push('metacopy=off');
  featureOptions = out;
  return out;
}

export class OverlaySnapshotter implements Snapshotter {
  readonly name = 'overlay2';
  /** <root>/overlay: the driver home, where `l/` links resolve and where mount runs. */
  readonly home: string;

  constructor(private readonly store: SnapshotStore) {
    this.home = store.layers.driverDir;
  }

  private dir(key: string): string {
    return join(this.home, checkKey(key));
  }

  /** An `l/…` link or a `<key>/…` path as an absolute directory. */
  private resolveLower(entry: string): string {
    if (!entry.startsWith('l/')) return join(this.home, entry);
    return resolve(this.home, 'l', readlinkSync(join(this.home, entry)));
  }

  async prepare(key: string, parent: Digest | null, opts: PrepareOptions = {}): Promise<Mount[]> {
    const dir = this.dir(key);
    if (await isDir(join(dir, 'work'))) throw new BerthError('ALREADY_EXISTS', `writable layer ${key} already exists`);
    const lowers = await lowerLinks(this.store.layers, parent);
    const link = randomLink();
    // A handful of tiny metadata operations on the way to every container start: synchronous, as each trip through
    // the thread pool costs more than the operation.
    await withScratch(this.store, opts.scratch, async (tmp) => {
      mkdirSync(join(tmp, 'diff'), { mode: 0o755 });
      mkdirSync(join(tmp, 'work'), { mode: 0o700 });
      mkdirSync(join(tmp, 'init'), { mode: 0o755 });
      if (opts.init !== false) writeInitLayer(join(tmp, 'init'), lowers.map((l) => this.resolveLower(l)));
      writeFileSync(join(tmp, 'link'), link);
      if (lowers.length > 0) writeFileSync(join(tmp, 'lower'), lowers.join(':'));
      renameSync(tmp, dir);
    });
    rmSync(join(this.home, 'l', link), { force: true });
    symlinkSync(`../${key}/diff`, join(this.home, 'l', link));
    return this.mountsOf(key, lowers);
  }

  private async lowerEntries(key: string): Promise<string[]> {
    const dir = this.dir(key);
    const text = await readFile(join(dir, 'lower'), 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return '';
      throw e;
    });
    if (!(await isDir(join(dir, 'work')))) throw noSuchLayer(key);
    return text.trim().split(':').filter(Boolean);
  }

  async mounts(key: string): Promise<Mount[]> {
    return this.mountsOf(key, await this.lowerEntries(key));
  }

  private mountsOf(key: string, images: readonly string[]): Mount[] {
    const lowers = [`${key}/init`, ...images];
    const options = [...kernelOptions(), `lowerdir=${lowers.join(':')}`, `upperdir=${key}/diff`, `workdir=${key}/work`];
    return [{ type: 'overlay', source: 'overlay', options, cwd: this.home }];
  }

  async upper(key: string): Promise<UpperDir> {
    const entries = await this.lowerEntries(key);
    const images = entries.map((e) => this.resolveLower(e));
    const top = images[0];
    const parent: Digest | null = top ? `sha256:${top.slice(this.home.length + 1, -'/diff'.length)}` : null;
    const dir = this.dir(key);
    return { path: join(dir, 'diff'), kind: 'overlay', parent, lowers: [join(dir, 'init'), ...images] };
  }

  async usage(key: string): Promise<number> {
    const dir = this.dir(key);
    if (!(await isDir(join(dir, 'work')))) throw noSuchLayer(key);
    return treeSize(join(dir, 'diff'));
  }

  async remove(key: string): Promise<void> {
    const dir = this.dir(key);
    const link = readTextOrNull(join(dir, 'link'));
    if (link) rmSync(join(this.home, 'l', link.trim()), { force: true });
    rmSync(dir, { recursive: true, force: true });
  }

  async list(): Promise<string[]> {
    const out: string[] = [];
    for (const name of await readdir(this.home).catch(() => [] as string[])) {
      if (/^[0-9a-f]{64}$/.test(name) && (await isDir(join(this.home, name, 'work')))) out.push(name);
    }
    return out.sort();
  }
}
