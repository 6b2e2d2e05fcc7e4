// The composition root: one Store per root directory, holding the content store, layers, images and the lock,
// built once by openStore() and passed down. Opening the store sweeps what a killed process left behind.

import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ContentStore } from '../content/store.js';
import { LayerStore } from '../layer/store.js';
import { ImageStore } from '../image/store.js';
import { StoreLock } from '../lock/store-lock.js';
import { Staging } from '../lock/staging.js';
import { COMMIT_MARKER, needsSweep, sweepStaging } from '../lock/recover.js';
import { fsyncDir } from '../content/fsync.js';

export interface StoreOptions {
  root: string;
  driver?: 'overlay' | 'vfs';
}

export class Store {
  readonly content: ContentStore;
  readonly layers: LayerStore;
  readonly images: ImageStore;
  readonly lock: StoreLock;

  constructor(
    readonly root: string,
    readonly driver: 'overlay' | 'vfs',
  ) {
    this.content = new ContentStore(root);
    this.layers = new LayerStore(root);
    this.images = new ImageStore(root);
    this.lock = new StoreLock(root);
  }

  get markerPath(): string {
    return join(this.root, COMMIT_MARKER);
  }

  /** A private, locked staging area for in-flight work (unpacks, blob writes); dispose it when done. */
  staging(): Promise<Staging> {
    return Staging.create(this.root);
  }

  /**
   * Runs a metadata commit under the exclusive lock. A marker file says a commit is under way; if the process
   * dies inside, the next open finds the marker and removes what the commit left half done.
   */
  async commit<T>(fn: () => Promise<T>): Promise<T> {
    return this.lock.withExclusive(async () => {
      await writeFile(this.markerPath, String(process.pid));
      const out = await fn();
      await rm(this.markerPath, { force: true });
      await fsyncDir(this.root);
      return out;
    });
  }

  /** Removes leftovers of dead processes. Cheap when there is nothing to do (two readdirs and a stat). */
  async recover(): Promise<string[]> {
    const removed: string[] = [];
    if (await needsSweep(this.root)) removed.push(...(await sweepStaging(this.root)));
    if (await exists(this.markerPath)) {
      await this.lock.withExclusive(async () => {
        if (!(await exists(this.markerPath))) return;
        removed.push(...(await this.layers.sweepIncomplete()), ...(await this.images.sweepTemp()));
        await rm(this.markerPath, { force: true });
      });
    }
    return removed;
  }
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

export async function openStore(opts: StoreOptions): Promise<Store> {
  const store = new Store(opts.root, opts.driver ?? 'overlay');
  await mkdir(opts.root, { recursive: true, mode: 0o711 });
  await Promise.all([store.content.init(), store.layers.init(), store.images.init()]);
  await store.recover();
  return store;
}
