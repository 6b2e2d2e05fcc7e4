import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMountPoint, mount, parseMountInfo, umount } from './mount.js';

function needRoot(t: TestContext): boolean {
  if (process.getuid?.() === 0) return true;
  if (process.env.BERTH_REQUIRE_ROOT === '1') assert.fail('needs root and BERTH_REQUIRE_ROOT=1');
  t.skip('needs root (mount)');
  return false;
}

function scratch(t: TestContext): string {
  const d = mkdtempSync(join(tmpdir(), 'berth-mount-'));
  t.after(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

test('parseMountInfo reads fields and unescapes octal', () => {
  const [m] = parseMountInfo(
    '36 35 98:0 /mnt1 /mnt/with\\040space rw,noatime master:1 - ext3 /dev/root rw,errors=continue\n',
  );
  assert.equal(m.id, 36);
  assert.equal(m.parent, 35);
  assert.equal(m.root, '/mnt1');
  assert.equal(m.mountPoint, '/mnt/with space');
  assert.equal(m.fsType, 'ext3');
  assert.equal(m.source, '/dev/root');
  assert.equal(m.superOptions, 'rw,errors=continue');
});

test('isMountPoint: / is, a fresh directory is not, a missing path is not', async (t) => {
  assert.equal(await isMountPoint('/'), true);
  assert.equal(await isMountPoint(scratch(t)), false);
  assert.equal(await isMountPoint('/nonexistent/berth'), false);
});

test('overlay mount with relative lowerdirs from cwd, then umount', async (t) => {
  if (!needRoot(t)) return;
  const d = scratch(t);
  for (const p of ['l1', 'l2', 'u', 'w', 'm']) mkdirSync(join(d, p));
  writeFileSync(join(d, 'l1', 'a'), 'top');
  writeFileSync(join(d, 'l2', 'a'), 'bottom');
  writeFileSync(join(d, 'l2', 'b'), 'b');
  const target = join(d, 'm');
  try {
    await mount({ type: 'overlay', source: 'overlay', options: ['lowerdir=l1:l2', `upperdir=${d}/u`, `workdir=${d}/w`], cwd: d }, target);
  } catch (e) {
    t.skip(`overlay mount unavailable here: ${(e as Error).message}`);
    return;
  }
  try {
    assert.equal(await isMountPoint(target), true);
    assert.equal(readFileSync(join(target, 'a'), 'utf8'), 'top');
    assert.equal(readFileSync(join(target, 'b'), 'utf8'), 'b');
  } finally {
    await umount(target);
  }
  assert.equal(await isMountPoint(target), false);
});

test('read-only bind mount', async (t) => {
  if (!needRoot(t)) return;
  const d = scratch(t);
  mkdirSync(join(d, 'src'));
  mkdirSync(join(d, 'dst'));
  writeFileSync(join(d, 'src', 'f'), 'x');
  await mount({ type: 'bind', source: join(d, 'src'), options: ['rbind', 'ro', 'rprivate'] }, join(d, 'dst'));
  try {
    assert.equal(readFileSync(join(d, 'dst', 'f'), 'utf8'), 'x');
    assert.throws(() => writeFileSync(join(d, 'dst', 'g'), 'y'), { code: 'EROFS' });
  } finally {
    await umount(join(d, 'dst'));
  }
  assert.equal(await isMountPoint(join(d, 'dst')), false);
});
