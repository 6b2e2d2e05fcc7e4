// The composition root: one Store per root directory, holding the content store, layers, images and the lock,
// built once by openStore() and passed down. Opening the store sweeps what a killed process left behind.

import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { appendFile, mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { joinPath } from '../sys/join-path.js';
import { ContentStore } from '../content/store.js';
import { LayerStore } from '../layer/store.js';
import { ImageStore } from '../image/store.js';
import { ContainerStore } from '../container/store.js';
import { StoreLock } from '../lock/store-lock.js';
import { Staging } from '../lock/staging.js';
import { COMMIT_MARKER, needsSweep, sweepStaging } from '../lock/recover.js';
import { fsyncDir } from '../content/fsync.js';
import { dropUnusedBlobs, formatIntent, parseIntent, rollBack, unusedBlobs, type IntentKind } from './rollback.js';
import { markHierarchyTops } from '../sys/hierarchy-top.js';

export interface StoreOptions {
  root: string;
  driver?: 'overlay' | 'vfs';
}

/** What a commit function gets: a way to say, before doing it, what it may create or delete. */
export interface CommitTx {
  /**
   * Records (durably, in the commit marker) images, layers or blobs this commit is about to create or delete. If
   * the commit throws or the process dies, those that nothing refers to are removed (store/rollback.ts).
   */
  intend(kind: IntentKind, ids: readonly string[]): Promise<void>;
}

export class Store {
  readonly content: ContentStore;
  readonly layers: LayerStore;
  readonly images: ImageStore;
  readonly containers: ContainerStore;
  readonly lock: StoreLock;

  constructor(
    readonly root: string,
    readonly driver: 'overlay' | 'vfs',
  ) {
    this.content = new ContentStore(root);
    this.layers = new LayerStore(root);
    this.images = new ImageStore(root);
    this.containers = new ContainerStore(root);
    this.lock = new StoreLock(root);
  }

  get markerPath(): string {
    return joinPath(this.root, COMMIT_MARKER);
  }

  /**
   * A private, locked staging area for in-flight work (unpacks, blob writes); dispose it when done. Disposing it
   * removes the blobs it published that no image or layer came to use (a failed load leaves nothing behind).
   */
  staging(): Promise<Staging> {
    return Staging.create(this.root, { onRelease: (refs) => this.releaseBlobs(refs) });
  }

  /**
   * Runs a metadata commit under the exclusive lock. A marker file says a commit is under way and holds its
   * intent (CommitTx); if `fn` throws, or the process dies inside, what the commit left half done is rolled back
   * (at once, or when the store next opens).
   */
  async commit<T>(fn: (tx: CommitTx) => Promise<T>): Promise<T> {
    return this.lock.withExclusive(async () => {
      // Small synchronous steps on every commit's way in and out: a trip through the thread pool costs more.
      if (existsSync(this.markerPath)) await this.undoCommit();
      writeFileSync(this.markerPath, `${process.pid}\n`);
      let intended = false;
      const tx: CommitTx = {
        intend: (kind, ids) => {
          intended ||= ids.length > 0;
          return this.intend(kind, ids);
        },
      };
      let out: T;
      try {
        out = await fn(tx);
      } catch (e) {
        await this.undoCommit(false).catch(() => {});
        throw e;
      }
      rmSync(this.markerPath, { force: true });
      // A marker that outlives a crash makes the next open roll its intent back, which could take a finished
      // commit's untagged image with it: its removal must be durable. A marker without intent undoes nothing.
      if (intended) await fsyncDir(this.root);
      return out;
    });
  }

  private async intend(kind: IntentKind, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await appendFile(this.markerPath, formatIntent(kind, ids));
    const fh = await open(this.markerPath, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  }

  /**
   * Rolls back the commit the marker describes and removes the marker. Exclusive lock held. After a crash (`swept`)
   * also the leftovers of any commit: directories without records, temporary record files. A commit that failed
   * in this process only undoes its own intent (others may be creating directories outside a commit).
   */
  private async undoCommit(swept = true): Promise<string[]> {
    const text = await readFile(this.markerPath, 'utf8').catch(() => null);
    if (text === null) return [];
    const removed = await rollBack(this, parseIntent(text));
    if (swept) removed.push(...(await this.layers.sweepIncomplete()), ...(await this.images.sweepTemp()));
    await rm(this.markerPath, { force: true });
    await fsyncDir(this.root);
    return removed;
  }

  /**
   * Deletes the blobs among `refs` that nothing refers to (what a released staging area published). A first look
   * without the lock usually finds every one in use (the load committed them) or never published; only otherwise
   * is the exclusive lock taken to look again and delete.
   */
  private async releaseBlobs(refs: string[]): Promise<void> {
    if ((await unusedBlobs(this, refs)).length === 0) return;
    await this.lock.withExclusive(() => dropUnusedBlobs(this, refs));
  }

  /** Removes leftovers of dead processes. Cheap when there is nothing to do (two readdirs and a stat). */
  async recover(): Promise<string[]> {
    const removed: string[] = [];
    let refs: string[] = [];
    if (needsSweep(this.root)) {
      const swept = await sweepStaging(this.root);
      removed.push(...swept.removed);
      refs = swept.refs;
    }
    if (refs.length > 0 || existsSync(this.markerPath)) {
      await this.lock.withExclusive(async () => {
        if (await exists(this.markerPath)) removed.push(...(await this.undoCommit()));
        removed.push(...(await dropUnusedBlobs(this, refs)));
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
  // Synchronous, as every command starts here: a few syscalls cost less than round trips through the thread pool.
  mkdirSync(opts.root, { recursive: true, mode: 0o711 });
  store.content.init();
  const fresh = store.layers.init();
  store.images.init();
  store.containers.init();
  if (fresh) {
    const staging = joinPath(opts.root, 'staging');
    await mkdir(staging, { recursive: true });
    await markHierarchyTops([store.layers.driverDir, staging]);
  }
  await store.recover();
  return store;
}
