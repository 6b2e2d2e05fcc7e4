import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { daemonSeccompProfile, readDaemonConfig } from './daemon-config.js';

test('readDaemonConfig: no file is {}; a file that is not a JSON object is an error naming it', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-daemon-config-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.deepEqual(readDaemonConfig(join(dir, 'none.json')), {});
  const good = join(dir, 'good.json');
  writeFileSync(good, '{"seccomp-profile": "unconfined"}');
  assert.deepEqual(readDaemonConfig(good), { 'seccomp-profile': 'unconfined' });
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{');
  assert.throws(() => readDaemonConfig(bad), new RegExp(`^BerthError: invalid daemon configuration file ${bad}: `));
  writeFileSync(bad, '[1]');
  assert.throws(() => readDaemonConfig(bad), /expected a JSON object$/);
});

test('daemonSeccompProfile: unset is undefined, unconfined is null, a path is its file\'s text; Docker\'s error for a missing file', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-daemon-config-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const profile = join(dir, 'p.json');
  writeFileSync(profile, '{"defaultAction":"SCMP_ACT_ALLOW"}');
  assert.equal(daemonSeccompProfile({}), undefined);
  assert.equal(daemonSeccompProfile({ 'seccomp-profile': '' }), undefined);
  assert.equal(daemonSeccompProfile({ 'seccomp-profile': 'unconfined' }), null);
  assert.equal(daemonSeccompProfile({ 'seccomp-profile': profile }), '{"defaultAction":"SCMP_ACT_ALLOW"}');
  assert.throws(
    () => daemonSeccompProfile({ 'seccomp-profile': join(dir, 'none.json') }),
    new RegExp(`^BerthError: opening seccomp profile \\(${join(dir, 'none.json')}\\) failed: open ${join(dir, 'none.json')}: no such file or directory$`),
  );
  assert.throws(() => daemonSeccompProfile({ 'seccomp-profile': 5 }, 'd.json'), /invalid daemon configuration file d\.json: seccomp-profile must be a string$/);
});
