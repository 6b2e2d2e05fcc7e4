// The overlay driver (Docker's overlay2 layout): a container's writable layer is <root>/overlay/<key>/ with diff/
// (the upperdir), work/ (overlayfs's workdir), link (its short name under l/) and lower (uppermost first: its init
// layer, then the image's short links). Mount options name the lower layers relative to <root>/overlay, so 125 image
// layers fit in the kernel's one page of mount data.
//
// Docker's init layer (snapshot/init-layer.ts) depends only on the image, so all containers of an image share one,
// read-only like any lower layer: <root>/overlay/<image's top layer>/init, made by the first container and removed
// with that layer. Docker makes one per container; sharing it spares a dozen files made and deleted per container,
// which on a journal-less ext4 that is busy deleting cost far more than their size says. A container on no image
// (a build step after FROM scratch), one made without an init layer, and those of earlier versions of berth have
// their own <key>/init, not named in `lower`.

import { existsSync, mkdirSync, readFileSync, readlinkSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { release } from 'node:os';
import { readdir } from 'node:fs/promises';
import { randomBytes } from '../sys/random.js';
import { resolve } from 'node:path';
import { joinPath } from '../sys/join-path.js';
import { hex, type Digest } from '../digest/digest.js';
import { BerthError } from '../errors.js';
import type { Mount } from '../sys/mount.js';
import { lowerLinks } from './image-layers.js';
import { writeInitLayer } from './init-layer.js';
import { checkKey, isDir, isDirSync, noSuchLayer, treeSize, withScratch } from './writable.js';
import type { MountOptions, PrepareOptions, SnapshotStore, Snapshotter, UpperDir } from './snapshotter.js';
import { readTextOrNull } from '../sys/read-text.js';
import { removeFileSync, removeLaidOutTree, removeTreeSync } from '../sys/remove-tree.js';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The shared init layer's name inside its image layer's directory. */
const SHARED_INIT = 'init';

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

/** Whether overlayfs takes `volatile` (Linux 5.10 and later). */
export function kernelHasVolatile(kernel = release()): boolean {
  const m = /^(\d+)\.(\d+)/.exec(kernel);
  return !!m && (Number(m[1]) > 5 || (Number(m[1]) === 5 && Number(m[2]) >= 10));
}

export class OverlaySnapshotter implements Snapshotter {
  readonly name = 'overlay2';
  /** <root>/overlay: the driver home, where `l/` links resolve and where mount runs. */
  readonly home: string;

  constructor(private readonly store: SnapshotStore) {
    this.home = store.layers.driverDir;
  }

  private dir(key: string): string {
    return joinPath(this.home, checkKey(key));
  }

  /** An `l/…` link or a `<key>/…` path as an absolute directory. */
  private resolveLower(entry: string): string {
    if (!entry.startsWith('l/')) return joinPath(this.home, entry);
    return resolve(this.home, 'l', readlinkSync(joinPath(this.home, entry)));
  }

  async prepare(key: string, parent: Digest | null, opts: PrepareOptions = {}): Promise<Mount[]> {
    const dir = this.dir(key);
    if (isDirSync(joinPath(dir, 'work'))) throw new BerthError('ALREADY_EXISTS', `writable layer ${key} already exists`);
    const lowers = await lowerLinks(this.store.layers, parent);
    const link = randomLink();
    // A handful of tiny metadata operations on the way to every container start: synchronous, as each trip through
    // the thread pool costs more than the operation.
    const shared = parent !== null && opts.init !== false ? this.sharedInit(parent, lowers) : null;
    const entries = shared ? [shared, ...lowers] : lowers;
    await withScratch(this.store, opts.scratch, async (tmp) => {
      mkdirSync(joinPath(tmp, 'diff'), { mode: 0o755 });
      mkdirSync(joinPath(tmp, 'work'), { mode: 0o700 });
      if (!shared) {
        mkdirSync(joinPath(tmp, 'init'), { mode: 0o755 });
        if (opts.init !== false) writeInitLayer(joinPath(tmp, 'init'), lowers.map((l) => this.resolveLower(l)));
      }
      writeFileSync(joinPath(tmp, 'link'), link);
      if (entries.length > 0) writeFileSync(joinPath(tmp, 'lower'), entries.join(':'));
      renameSync(tmp, dir);
    });
    removeFileSync(joinPath(this.home, 'l', link), true);
    symlinkSync(`../${key}/diff`, joinPath(this.home, 'l', link));
    return this.mountsOf(key, entries);
  }

  /**
   * The init layer of the image whose top layer is `parent` (`lowers`: its short links), as a `lower` entry: made
   * the first time, in a scratch directory beside it and renamed into place. When two processes make it at once, the
   * rename of the second fails (a directory can't replace a non-empty one) and it uses the first's.
   */
  private sharedInit(parent: Digest, lowers: readonly string[]): string {
    const rel = `${hex(parent)}/${SHARED_INIT}`;
    const abs = joinPath(this.home, rel);
    if (isDirSync(abs)) return rel;
    const tmp = `${abs}-${randomBytes(6).toString('hex')}`;
    mkdirSync(tmp, { mode: 0o755 });
    try {
      writeInitLayer(tmp, lowers.map((l) => this.resolveLower(l)));
      renameSync(tmp, abs);
    } catch (e) {
      removeTreeSync(tmp);
      if (!isDirSync(abs)) throw e;
    }
    return rel;
  }

  /** A `lower` file's entries split into the init layer (relative to home) and the image's layers. */
  private splitLower(key: string, entries: readonly string[]): { init: string; images: readonly string[] } {
    const first = entries[0];
    if (first !== undefined && first.endsWith(`/${SHARED_INIT}`)) return { init: first, images: entries.slice(1) };
    return { init: `${key}/init`, images: entries };
  }

  /** The `lower` file's entries (read on this thread: it is on the way to every start). */
  private lowerEntries(key: string): string[] {
    const dir = this.dir(key);
    const text = readTextOrNull(joinPath(dir, 'lower')) ?? '';
    if (!isDirSync(joinPath(dir, 'work'))) throw noSuchLayer(key);
    return text.trim().split(':').filter(Boolean);
  }

  async mounts(key: string, opts: MountOptions = {}): Promise<Mount[]> {
    const mounts = this.mountsOf(key, this.lowerEntries(key));
    // A volatile mount leaves work/work/incompat/volatile behind, and overlayfs refuses to mount that workdir again
    // while it is there (its sign that the upper directory may have lost writes in a crash). Only a layer that may
    // lose them is ever mounted volatile (MountOptions), so the mark is cleared for the next mount, as podman does.
    const mark = joinPath(this.dir(key), 'work', 'work', 'incompat');
    if (existsSync(mark)) removeTreeSync(mark);
    if (opts.volatile && kernelHasVolatile()) mounts[0].options.push('volatile');
    return mounts;
  }

  private mountsOf(key: string, entries: readonly string[]): Mount[] {
    const { init, images } = this.splitLower(key, entries);
    const lowers = [init, ...images];
    const options = [...kernelOptions(), `lowerdir=${lowers.join(':')}`, `upperdir=${key}/diff`, `workdir=${key}/work`];
    return [{ type: 'overlay', source: 'overlay', options, cwd: this.home }];
  }

  async upper(key: string): Promise<UpperDir> {
    const { init, images: entries } = this.splitLower(key, this.lowerEntries(key));
    const images = entries.map((e) => this.resolveLower(e));
    const top = images[0];
    const parent: Digest | null = top ? `sha256:${top.slice(this.home.length + 1, -'/diff'.length)}` : null;
    const dir = this.dir(key);
    return { path: joinPath(dir, 'diff'), kind: 'overlay', parent, lowers: [joinPath(this.home, init), ...images] };
  }

  async usage(key: string): Promise<number> {
    const dir = this.dir(key);
    if (!(await isDir(joinPath(dir, 'work')))) throw noSuchLayer(key);
    return treeSize(joinPath(dir, 'diff'));
  }

  async remove(key: string): Promise<void> {
    const dir = this.dir(key);
    const link = readTextOrNull(joinPath(dir, 'link'));
    if (link) removeFileSync(joinPath(this.home, 'l', link.trim()));
    // by the names this driver and overlayfs put there (a volatile mount's mark included); the upper directory's
    // contents, a layer's own init and anything else are found when a directory is not empty
    removeLaidOutTree(dir, { link: null, lower: null, diff: {}, work: { work: { incompat: { volatile: { dirty: null } } } } });
  }

  async list(): Promise<string[]> {
    const out: string[] = [];
    for (const name of await readdir(this.home).catch(() => [] as string[])) {
      if (/^[0-9a-f]{64}$/.test(name) && (await isDir(joinPath(this.home, name, 'work')))) out.push(name);
    }
    return out.sort();
  }
}
