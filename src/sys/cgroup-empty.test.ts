import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cgroupEventsOf, isEmptied, whenEmptied } from './cgroup-empty.js';

test('cgroup.events says when a group is empty; a missing file is a group gone', () => {
  assert.equal(isEmptied('populated 1\nfrozen 0\n'), false);
  assert.equal(isEmptied('populated 0\nfrozen 0\n'), true);
  assert.equal(isEmptied(null), true);
});

test('the cgroup2 events file of a process, from its cgroup list; none without a cgroup2 line', () => {
  assert.equal(cgroupEventsOf(1, '4:memory:/x\n1:cpu:/x\n'), null);
  const own = cgroupEventsOf(process.pid);
  if (own) assert.match(own, /^\/sys\/fs\/cgroup(\/unified)?(\/.*)?\/cgroup\.events$/);
  assert.equal(cgroupEventsOf(1, '0::/no/such/group\n'), null, 'a group that does not exist');
});

test('whenEmptied calls back once, when the file turns to populated 0, and not after stop', async (t) => {
  const d = mkdtempSync(join(tmpdir(), 'berth-cgev-'));
  t.after(() => rmSync(d, { recursive: true, force: true }));
  const events = join(d, 'cgroup.events');
  writeFileSync(events, 'populated 1\nfrozen 0\n');
  let calls = 0;
  const emptied = new Promise<void>((resolve) => whenEmptied(events, () => (calls++, resolve())));
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(calls, 0);
  writeFileSync(events, 'populated 0\nfrozen 0\n');
  await emptied;
  writeFileSync(events, 'populated 0\nfrozen 1\n');
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(calls, 1);

  const other = join(d, 'other.events');
  writeFileSync(other, 'populated 1\n');
  let late = 0;
  const stop = whenEmptied(other, () => late++);
  stop();
  writeFileSync(other, 'populated 0\n');
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(late, 0);
  // already empty: at once
  let now = 0;
  whenEmptied(other, () => now++);
  assert.equal(now, 1);
});
