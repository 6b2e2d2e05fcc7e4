import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lgetxattr, llistxattr, lremovexattr, lsetxattr } from './xattr.js';

function needRoot(t: TestContext): boolean {
  if (process.getuid?.() === 0) return true;
  if (process.env.BERTH_REQUIRE_ROOT === '1') assert.fail('needs root and BERTH_REQUIRE_ROOT=1');
  t.skip('needs root (trusted.* xattrs)');
  return false;
}

function scratch(t: TestContext): string {
  const d = mkdtempSync(join(tmpdir(), 'berth-xattr-'));
  t.after(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

test('set, get, list and remove, binary-safe', (t) => {
  const f = join(scratch(t), 'f');
  writeFileSync(f, '');
  lsetxattr(f, 'user.bin', Buffer.from([0, 255, 1]));
  lsetxattr(f, 'user.empty', '');
  assert.deepEqual(lgetxattr(f, 'user.bin'), Buffer.from([0, 255, 1]));
  assert.deepEqual(lgetxattr(f, 'user.empty'), Buffer.alloc(0));
  assert.equal(lgetxattr(f, 'user.none'), null);
  assert.deepEqual(llistxattr(f).sort(), ['user.bin', 'user.empty']);
  lremovexattr(f, 'user.bin');
  assert.deepEqual(llistxattr(f), ['user.empty']);
});

test('errors carry errno codes', (t) => {
  const d = scratch(t);
  writeFileSync(join(d, 'f'), '');
  assert.throws(() => lremovexattr(join(d, 'f'), 'user.none'), { code: 'ENODATA', syscall: 'lremovexattr' });
  assert.throws(() => lsetxattr(join(d, 'missing'), 'user.x', '1'), { code: 'ENOENT' });
  assert.throws(() => llistxattr(join(d, 'missing')), { code: 'ENOENT' });
});

test('never follows symlinks (the library uses the l* syscalls)', (t) => {
  const d = scratch(t);
  writeFileSync(join(d, 'target'), '');
  symlinkSync('target', join(d, 'link'));
  lsetxattr(join(d, 'target'), 'user.a', '1');
  assert.equal(lgetxattr(join(d, 'link'), 'user.a'), null);
  assert.deepEqual(llistxattr(join(d, 'link')), []);
  assert.throws(() => lsetxattr(join(d, 'link'), 'user.b', '1'), { code: 'EPERM' }, 'Linux refuses user.* on symlinks');
  assert.deepEqual(llistxattr(join(d, 'target')), ['user.a']);
});

test('trusted.* lands on the symlink itself', (t) => {
  if (!needRoot(t)) return;
  const d = scratch(t);
  writeFileSync(join(d, 'target'), '');
  symlinkSync('target', join(d, 'link'));
  lsetxattr(join(d, 'link'), 'trusted.berth', 'y');
  assert.deepEqual(lgetxattr(join(d, 'link'), 'trusted.berth'), Buffer.from('y'));
  assert.deepEqual(llistxattr(join(d, 'target')), []);
});
