import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { lstatSync, mkdtempSync, rmSync, symlinkSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkfifo, mknodAll, mkWhiteout } from './mknod.js';
import { isBerthError } from '../errors.js';

function needRoot(t: TestContext): boolean {
  if (process.getuid?.() === 0) return true;
  if (process.env.BERTH_REQUIRE_ROOT === '1') assert.fail('needs root and BERTH_REQUIRE_ROOT=1');
  t.skip('needs root (mknod of devices)');
  return false;
}

function scratch(t: TestContext): string {
  const d = mkdtempSync(join(tmpdir(), 'berth-mknod-'));
  t.after(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

test('mkfifo works without root', async (t) => {
  const d = scratch(t);
  await mkfifo(join(d, 'p'), 0o640);
  const st = lstatSync(join(d, 'p'));
  assert.ok(st.isFIFO());
});

test('whiteout is a 0:0 character device with mode 000', async (t) => {
  if (!needRoot(t)) return;
  const d = scratch(t);
  await mkWhiteout(join(d, 'gone'));
  const st = lstatSync(join(d, 'gone'));
  assert.ok(st.isCharacterDevice());
  assert.equal(st.rdev, 0);
  assert.equal(st.mode & 0o7777, 0);
});

test('a batch makes char, block and fifo nodes, odd names included', async (t) => {
  if (!needRoot(t)) return;
  const d = scratch(t);
  const names = Array.from({ length: 300 }, (_, i) => `-n ${i} '"$x`);
  await mknodAll([
    { path: join(d, 'null'), type: 'char', mode: 0o666, major: 1, minor: 3 },
    { path: join(d, 'loop0'), type: 'block', mode: 0o660, major: 7, minor: 0 },
    ...names.map((n) => ({ path: join(d, n), type: 'fifo' as const, mode: 0o600 })),
  ]);
  const nul = lstatSync(join(d, 'null'));
  assert.ok(nul.isCharacterDevice());
  assert.equal(nul.rdev, (1 << 8) | 3);
  assert.ok(lstatSync(join(d, 'loop0')).isBlockDevice());
  for (const n of names) assert.ok(lstatSync(join(d, n)).isFIFO(), n);
});

test('an existing path (a symlink included) fails and is not followed', async (t) => {
  if (!needRoot(t)) return;
  const d = scratch(t);
  symlinkSync(join(d, 'elsewhere'), join(d, 'link'));
  await assert.rejects(mkWhiteout(join(d, 'link')), (e) => isBerthError(e, 'FAILED_PRECONDITION') && /exists/.test(e.message));
  assert.equal(existsSync(join(d, 'elsewhere')), false);
});
