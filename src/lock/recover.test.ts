import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sweepStaging } from './recover.js';
import { Staging, tmpLockName, tmpLockOwner } from './staging.js';

function root(t: TestContext): string {
  const d = mkdtempSync(join(tmpdir(), 'berth-recover-'));
  t.after(() => rmSync(d, { recursive: true, force: true }));
  mkdirSync(join(d, 'staging'));
  return d;
}

/** The pid of a process that has exited (and been reaped). */
function deadPid(): number {
  const pid = spawnSync('sh', ['-c', 'echo $$'], { encoding: 'utf8' }).stdout.trim();
  return Number(pid);
}

test('tmp lock names carry the creating pid', () => {
  assert.equal(tmpLockOwner(tmpLockName('0a1b', 4242)), 4242);
  assert.equal(tmpLockOwner('0a1b.lock.tmp'), null);
  assert.equal(tmpLockOwner('0a1b.lock'), null);
});

test('a tmp lock whose creator died goes at once; a live creator\'s and an old-style young one stay', async (t) => {
  const r = root(t);
  const dead = tmpLockName('aaaa', deadPid());
  const live = tmpLockName('bbbb', process.pid);
  for (const n of [dead, live, 'cccc.lock.tmp']) writeFileSync(join(r, 'staging', n), '');
  await sweepStaging(r);
  assert.deepEqual(readdirSync(join(r, 'staging')).sort(), [live, 'cccc.lock.tmp'].sort());
});

test('a staging area leaves nothing behind once disposed', async (t) => {
  const r = root(t);
  {
    await using s = await Staging.create(r);
    assert.deepEqual(readdirSync(join(r, 'staging')).sort(), [s.id, `${s.id}.lock`].sort());
    await s.subdir();
  }
  assert.deepEqual(readdirSync(join(r, 'staging')), []);
});
