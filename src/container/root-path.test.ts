import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, symlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveInRoot } from './root-path.js';

test('resolveInRoot keeps symlinks and .. inside the root', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'berth-root-path-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'etc/app'), { recursive: true });
  symlinkSync('/etc/app', join(root, 'abs'));
  symlinkSync('../../../../..', join(root, 'etc/up'));
  symlinkSync('/', join(root, 'etc/app/rootlink'));
  assert.equal(await resolveInRoot(root, '/abs/file'), join(root, 'etc/app/file'));
  assert.equal(await resolveInRoot(root, '/etc/up/etc/passwd'), join(root, 'etc/passwd'));
  assert.equal(await resolveInRoot(root, '/../../etc'), join(root, 'etc'));
  assert.equal(await resolveInRoot(root, '/etc/app/rootlink/x'), join(root, 'x'));
  assert.equal(await resolveInRoot(root, '/abs'), join(root, 'abs'), 'a final link is kept unless followed');
  assert.equal(await resolveInRoot(root, '/abs', true), join(root, 'etc/app'));
  symlinkSync('loop2', join(root, 'loop1'));
  symlinkSync('loop1', join(root, 'loop2'));
  await assert.rejects(resolveInRoot(root, '/loop1/x'), /too many levels of symbolic links/);
});
