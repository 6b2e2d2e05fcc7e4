import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devicesFromMapping } from './user-devices.js';
import { parseDevice } from '../cli/container-options.js';
import { mknod } from '../sys/mknod.js';

test('parseDevice: docker/cli splitting and checks', () => {
  assert.deepEqual(parseDevice('/dev/fuse'), { PathOnHost: '/dev/fuse', PathInContainer: '/dev/fuse', CgroupPermissions: 'rwm' });
  assert.deepEqual(parseDevice('/dev/fuse:r'), { PathOnHost: '/dev/fuse', PathInContainer: '/dev/fuse', CgroupPermissions: 'r' });
  assert.deepEqual(parseDevice('/dev/sda:/dev/xvdc'), { PathOnHost: '/dev/sda', PathInContainer: '/dev/xvdc', CgroupPermissions: 'rwm' });
  assert.deepEqual(parseDevice('/dev/sda:/dev/xvdc:mr'), { PathOnHost: '/dev/sda', PathInContainer: '/dev/xvdc', CgroupPermissions: 'mr' });
  assert.throws(() => parseDevice('/dev/sda:xvdc'), /^BerthError: invalid argument "\/dev\/sda:xvdc" for "--device" flag: xvdc is not an absolute path$/);
  assert.throws(() => parseDevice('/dev/sda:/dev/xvdc:rr'), /for "--device" flag: bad mode specified: rr$/);
  assert.throws(() => parseDevice('/dev/sda:/dev/xvdc:x'), /bad mode specified: x$/);
  assert.throws(() => parseDevice(':/dev/x'), /bad format for path: :\/dev\/x$/);
  assert.throws(() => parseDevice('/a:/b:r:w'), /bad format for path: \/a:\/b:r:w$/);
});

test('devicesFromMapping: a device node, a symlink to one, a directory of them, and Docker\'s refusals', async (t) => {
  const null1 = devicesFromMapping({ PathOnHost: '/dev/null', PathInContainer: '/dev/mynull', CgroupPermissions: 'rw' });
  assert.deepEqual(null1.devices.map((d) => [d.path, d.type, d.major, d.minor]), [['/dev/mynull', 'c', 1, 3]]);
  assert.deepEqual(null1.rules, [{ allow: true, type: 'c', major: 1, minor: 3, access: 'rw' }]);
  assert.throws(
    () => devicesFromMapping({ PathOnHost: '/dev/berth-no-such-device', PathInContainer: '/dev/x', CgroupPermissions: 'rwm' }),
    /^BerthError: error gathering device information while adding custom device "\/dev\/berth-no-such-device": no such file or directory$/,
  );
  const dir = mkdtempSync(join(tmpdir(), 'berth-dev-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'plain'), '');
  assert.throws(() => devicesFromMapping({ PathOnHost: join(dir, 'plain'), PathInContainer: '/dev/x', CgroupPermissions: 'rwm' }), /not a device node$/);
  symlinkSync('/dev/zero', join(dir, 'link'));
  assert.deepEqual(devicesFromMapping({ PathOnHost: join(dir, 'link'), PathInContainer: '/dev/z', CgroupPermissions: 'rwm' }).devices.map((d) => [d.path, d.major, d.minor]), [['/dev/z', 1, 5]]);
  if (process.getuid?.() !== 0) {
    t.diagnostic('skipped the directory case: mknod needs root');
    return;
  }
  mkdirSync(join(dir, 'tree', 'sub'), { recursive: true });
  await mknod(join(dir, 'tree', 'b'), 'char', 0o620, 1, 7);
  await mknod(join(dir, 'tree', 'sub', 'a'), 'block', 0o660, 7, 200);
  writeFileSync(join(dir, 'tree', 'notes'), '');
  const tree = devicesFromMapping({ PathOnHost: join(dir, 'tree'), PathInContainer: '/dev/mine', CgroupPermissions: 'r' });
  assert.deepEqual(tree.devices.map((d) => [d.path, d.type, d.major, d.minor, d.fileMode]), [
    ['/dev/mine/b', 'c', 1, 7, 0o620],
    ['/dev/mine/sub/a', 'b', 7, 200, 0o660],
  ]);
  assert.deepEqual(tree.rules.map((r) => r.access), ['r', 'r']);
  mkdirSync(join(dir, 'empty'));
  assert.throws(() => devicesFromMapping({ PathOnHost: join(dir, 'empty'), PathInContainer: '/dev/e', CgroupPermissions: 'rwm' }), /not a device node$/);
});
