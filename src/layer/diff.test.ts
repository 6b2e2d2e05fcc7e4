// The tars commit and export write, from upper directories the kernel wrote (real overlay mounts: root + overlayfs):
// Docker's entry forms and order for an upper directory, moby's ExportChanges order for a full copy, and the merged
// tree read in user space equal to what the kernel's merged mount showed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { need } from '../../test/lib/berth.js';
import { canMount, runOverlayCase, tree, type OverlayCase } from '../../test/lib/overlay-case.js';
import { tarItems } from '../../test/conformance/snapshot-fixtures.js';
import { lsetxattr } from '../sys/xattr.js';
import { layerTar } from './diff.js';
import { mergedTar } from './merged-tar.js';

const BIG = 2 * 1024 * 1024 + 5;
const CAP = Buffer.from([0x01, 0, 0, 0x02, 0x00, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

const CASE: OverlayCase = {
  lowers: [(d) => tree(d, ['d/', 'd/x', 'd/keep', 'o/', 'o/a'])],
  ops: (m) => {
    writeFileSync(join(m, 'big'), Buffer.alloc(BIG, 0x61));
    writeFileSync(join(m, 'capfile'), 'c');
    lsetxattr(join(m, 'capfile'), 'security.capability', CAP);
    lsetxattr(join(m, 'capfile'), 'user.note', 'not in layers, as in Docker');
    writeFileSync(join(m, 'd/new'), 'new\n');
    rmSync(join(m, 'd/x'));
    rmSync(join(m, 'o'), { recursive: true });
    mkdirSync(join(m, 'o'));
    writeFileSync(join(m, 'o/b'), 'b\n');
    writeFileSync(join(m, 'h1'), 'linked\n');
    linkSync(join(m, 'h1'), join(m, 'h2'));
    symlinkSync('target', join(m, 's'));
    spawnSync('mkfifo', ['-m', '0640', join(m, 'p')]);
  },
};

test('overlay upper → tar: walk order, .wh. files, the opaque marker after its directory, links, Docker modes', async (t) => {
  if (!need(t, canMount(), 'needs root and overlayfs')) return;
  const { overlay } = await runOverlayCase(t, CASE);
  const items = await tarItems(layerTar(overlay));
  assert.deepEqual(
    items.map((i) => [i.name, i.type, i.mode.toString(8)]),
    [
      ['big', 'file', '100644'],
      ['capfile', 'file', '100644'],
      ['d/', 'directory', '40755'],
      ['d/new', 'file', '100644'],
      ['d/.wh.x', 'file', '600'],
      ['h1', 'file', '100644'],
      ['h2', 'link', '100644'],
      ['o/', 'directory', '40755'],
      ['o/.wh..wh..opq', 'file', '755'],
      ['o/b', 'file', '100644'],
      ['p', 'fifo', '10640'],
      ['s', 'symlink', '120777'],
    ],
  );
  const at = (name: string) => items.find((i) => i.name === name)!;
  assert.equal(at('big').content, 'a'.repeat(BIG));
  assert.deepEqual(at('capfile').xattrs, ['security.capability']);
  assert.deepEqual(at('o/').xattrs, [], 'no trusted.overlay.* in a layer');
  assert.equal(at('h2').linkname, 'h1');
  assert.equal(at('s').linkname, 'target');
  assert.equal(at('o/.wh..wh..opq').mtime, 0);
  assert.ok(at('d/.wh.x').mtime > 0, 'a whiteout keeps its own time');
  for (const i of items) {
    assert.equal(i.mtime % 1000, 0, `${i.name}: whole seconds`);
    assert.deepEqual([i.uid, i.gid, i.uname, i.gname], [0, 0, 'root', 'root'], i.name);
  }
});

test('full copy → tar: the changes in path order, deletions as .wh. files, no opaque marker', async (t) => {
  if (!need(t, canMount(), 'needs root and overlayfs')) return;
  const { full } = await runOverlayCase(t, CASE);
  const items = await tarItems(layerTar(full));
  assert.deepEqual(
    items.map((i) => `${i.name} ${i.type}`),
    [
      'big file',
      'capfile file',
      'd/ directory',
      'd/new file',
      'd/.wh.x file',
      'h1 file',
      'h2 link',
      'o/ directory',
      'o/.wh.a file',
      'o/b file',
      'p fifo',
      's symlink',
    ],
  );
  assert.equal(items.find((i) => i.name === 'o/.wh.a')!.mode, 0o600);
});

test('the merged tree read from the layer directories is what the kernel showed', async (t) => {
  if (!need(t, canMount(), 'needs root and overlayfs')) return;
  const { overlay, full } = await runOverlayCase(t, CASE);
  const merged = await tarItems(mergedTar([overlay.path, ...overlay.lowers]));
  const copied = await tarItems(mergedTar([full.path]));
  assert.deepEqual(merged, copied);
  assert.deepEqual(
    merged.map((i) => i.name),
    ['big', 'capfile', 'd/', 'd/keep', 'd/new', 'h1', 'h2', 'o/', 'o/b', 'p', 's'],
  );
});
