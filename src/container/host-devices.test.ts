import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostDevices } from './host-devices.js';

test('host devices: /dev/null and /dev/zero with their numbers; no pts, no console, nothing that is not a device', () => {
  const all = hostDevices();
  const byPath = new Map(all.map((d) => [d.path, d]));
  assert.deepEqual(byPath.get('/dev/null'), { ...byPath.get('/dev/null')!, type: 'c', major: 1, minor: 3 });
  assert.deepEqual(byPath.get('/dev/zero'), { ...byPath.get('/dev/zero')!, type: 'c', major: 1, minor: 5 });
  assert.ok(all.every((d) => !d.path.startsWith('/dev/pts/') && d.path !== '/dev/console' && (d.type === 'c' || d.type === 'b')));
});
