// layerChanges on upper directories the kernel wrote: hand-made lower layers (with whiteouts and opaque directories
// of their own), a real overlay mount, file operations through it, then the changes — in overlay mode from the
// upper directory, and in full mode from a `cp -a` copy of the merged tree, which must agree. Needs root + overlayfs.

import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { need, isRoot } from '../../test/lib/berth.js';
import { canMount, runOverlayCase as run, tree, type OverlayCase as Case } from '../../test/lib/overlay-case.js';
import { mkWhiteout } from '../sys/mknod.js';
import { lsetxattr } from '../sys/xattr.js';
import { layerChanges, type LayerSource } from './changes.js';
import { OPAQUE_XATTR } from './lower-view.js';

async function expectChanges(t: TestContext, c: Case, want: string[]): Promise<void> {
  const { overlay, full } = await run(t, c);
  const show = (s: LayerSource) => layerChanges(s).map((x) => `${x.kind} ${x.path}`);
  assert.deepEqual(show(overlay), want, 'overlay');
  assert.deepEqual(show(full), want, 'full copy');
}

test('order: a directory C before its children, additions and changes before deletions, names in byte order', async (t) => {
  if (!need(t, canMount(), 'needs root and overlayfs')) return;
  await expectChanges(
    t,
    {
      lowers: [(d) => tree(d, ['d/', 'd/x', 'd/y', 'd/z', 'e/', 'e/f', 'B'])],
      ops: (m) => {
        writeFileSync(join(m, 'd/new'), 'n');
        writeFileSync(join(m, 'd/Upper'), 'u');
        rmSync(join(m, 'd/x'));
        rmSync(join(m, 'd/y'));
        appendFileSync(join(m, 'd/z'), 'more');
        writeFileSync(join(m, 'a-b'), '');
        mkdirSync(join(m, 'a'));
        writeFileSync(join(m, 'a/in'), '');
        rmSync(join(m, 'B'));
      },
    },
    ['A /a', 'A /a/in', 'A /a-b', 'C /d', 'A /d/Upper', 'A /d/new', 'C /d/z', 'D /d/x', 'D /d/y', 'D /B'],
  );
});

test('copied up but unchanged (same mode, atime only) is no change; neither is a directory created and removed', async (t) => {
  if (!need(t, canMount(), 'needs root and overlayfs')) return;
  const { overlay, full } = await run(t, {
    lowers: [(d) => tree(d, ['dir/', 'dir/f', 'g'])],
    ops: (m) => {
      chmodSync(join(m, 'dir/f'), 0o644);
      spawnSync('touch', ['-a', join(m, 'g')]);
      mkdirSync(join(m, 'tmpdir'));
      rmSync(join(m, 'tmpdir'), { recursive: true });
    },
  });
  assert.deepEqual(layerChanges(overlay), []);
  assert.deepEqual(layerChanges(full), []);
  assert.notDeepEqual(spawnSync('ls', ['-A', overlay.path]).stdout.toString().trim(), '', 'the upper dir does hold copies');
});

test('a deleted directory is one D; a type change is a C (file → dir adds its children)', async (t) => {
  if (!need(t, canMount(), 'needs root and overlayfs')) return;
  await expectChanges(
    t,
    {
      lowers: [(d) => tree(d, ['gone/', 'gone/a', 'gone/sub/', 'gone/sub/b', 'f2d', 'd2f/', 'd2f/x'])],
      ops: (m) => {
        rmSync(join(m, 'gone'), { recursive: true });
        rmSync(join(m, 'f2d'));
        mkdirSync(join(m, 'f2d'));
        writeFileSync(join(m, 'f2d/in'), '');
        rmSync(join(m, 'd2f'), { recursive: true });
        writeFileSync(join(m, 'd2f'), 'file');
      },
    },
    ['C /d2f', 'C /f2d', 'A /f2d/in', 'D /gone'],
  );
});

test('an opaque directory: re-created children are C, children of every lower layer not re-created are D', async (t) => {
  if (!need(t, canMount(), 'needs root and overlayfs')) return;
  await expectChanges(
    t,
    {
      lowers: [(d) => tree(d, ['o/', 'o/c']), (d) => tree(d, ['o/', 'o/a', 'o/b', 'o/deep/', 'o/deep/x'])],
      ops: (m) => {
        rmSync(join(m, 'o'), { recursive: true });
        mkdirSync(join(m, 'o'));
        writeFileSync(join(m, 'o/a'), 'new a\n');
        writeFileSync(join(m, 'o/n'), 'n\n');
      },
    },
    ['C /o', 'C /o/a', 'A /o/n', 'D /o/b', 'D /o/c', 'D /o/deep'],
  );
});

test("the image's own whiteouts and opaque directories decide what existed before", async (t) => {
  if (!need(t, canMount(), 'needs root and overlayfs')) return;
  await expectChanges(
    t,
    {
      lowers: [
        async (d) => {
          tree(d, ['q/', 'q/kept']);
          lsetxattr(join(d, 'q'), OPAQUE_XATTR, 'y');
          await mkWhiteout(join(d, 'w'));
        },
        (d) => tree(d, ['w', 'q/', 'q/hidden', 'v']),
      ],
      ops: (m) => {
        writeFileSync(join(m, 'w'), 'back\n');
        writeFileSync(join(m, 'q/hidden'), 'again\n');
        rmSync(join(m, 'q/kept'));
        rmSync(join(m, 'v'));
      },
    },
    ['C /q', 'A /q/hidden', 'D /q/kept', 'A /w', 'D /v'],
  );
});

test('a new security.capability is a change even when the stat is the same', async (t) => {
  if (!need(t, canMount(), 'needs root and overlayfs')) return;
  // VFS_CAP_REVISION_2, effective, cap_net_bind_service permitted.
  const cap = Buffer.from([0x01, 0, 0, 0x02, 0x00, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  await expectChanges(
    t,
    {
      lowers: [(d) => tree(d, ['bin/', 'bin/tool'])],
      ops: (m) => lsetxattr(join(m, 'bin/tool'), 'security.capability', cap),
    },
    ['C /bin', 'C /bin/tool'],
  );
});

test('a stray whiteout with nothing below it deletes nothing', async (t) => {
  if (!need(t, isRoot(), 'needs root (mknod)')) return;
  const base = mkdtempSync(join(tmpdir(), 'berth-changes-'));
  t.after(() => rmSync(base, { recursive: true, force: true }));
  tree(join(base, 'lower'), ['a']);
  mkdirSync(join(base, 'upper'));
  await mkWhiteout(join(base, 'upper', 'never'));
  await mkWhiteout(join(base, 'upper', 'a'));
  const changes = layerChanges({ kind: 'overlay', path: join(base, 'upper'), lowers: [join(base, 'lower')] });
  assert.deepEqual(changes, [{ kind: 'D', path: '/a' }]);
});
