// For tests of changes and diff on upper directories the kernel wrote: hand-made lower layers, a real overlay mount
// (root + overlayfs), file operations through it, then the upper directory and a `cp -a` copy of the merged tree.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { isRoot } from './berth.js';
import { mount, umount } from '../../src/sys/mount.js';
import type { LayerSource } from '../../src/layer/changes.js';

export const canMount = () => isRoot() && readFileSync('/proc/filesystems', 'utf8').includes('\toverlay\n');

/** A tree from a compact spec: `dir/` makes a directory, `name` a file holding its own name. */
export function tree(root: string, paths: string[]): void {
  mkdirSync(root, { recursive: true });
  for (const p of paths) {
    if (p.endsWith('/')) mkdirSync(join(root, p), { recursive: true });
    else writeFileSync(join(root, p), `${p}\n`);
  }
}

export interface OverlayCase {
  /** Lower layer directories, uppermost first, each filled by its function. */
  lowers: ((dir: string) => void | Promise<void>)[];
  ops: (merged: string) => void;
}

/**
 * Mounts the case, runs its operations, copies the merged tree, unmounts; returns the overlay view (upper + lowers)
 * and the full view (the copy + lowers). Everything is removed after the test.
 */
export async function runOverlayCase(t: TestContext, c: OverlayCase): Promise<{ overlay: LayerSource; full: LayerSource }> {
  const base = mkdtempSync(join(tmpdir(), 'berth-overlay-case-'));
  t.after(() => {
    spawnSync('umount', ['-l', join(base, 'merged')]);
    rmSync(base, { recursive: true, force: true });
  });
  const lowers = c.lowers.map((_, i) => join(base, `l${i}`));
  for (let i = 0; i < lowers.length; i++) {
    mkdirSync(lowers[i]);
    await c.lowers[i](lowers[i]);
  }
  for (const d of ['upper', 'work', 'merged']) mkdirSync(join(base, d));
  const options = ['index=off', `lowerdir=${lowers.join(':')}`, `upperdir=${base}/upper`, `workdir=${base}/work`];
  await mount({ type: 'overlay', source: 'overlay', options }, join(base, 'merged'));
  try {
    c.ops(join(base, 'merged'));
    const r = spawnSync('cp', ['-a', join(base, 'merged'), join(base, 'copy')]);
    assert.equal(r.status, 0, String(r.stderr));
  } finally {
    await umount(join(base, 'merged'));
  }
  return {
    overlay: { kind: 'overlay', path: join(base, 'upper'), lowers },
    full: { kind: 'full', path: join(base, 'copy'), lowers },
  };
}
