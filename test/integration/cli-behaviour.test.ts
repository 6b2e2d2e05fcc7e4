// CLI behaviour shared by all commands: a relative --root is taken from the working directory, a reader that goes
// away ends berth quietly with 141 (as SIGPIPE ends Docker's CLI), and a failed URL import is one line.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BERTH, TestStore, busyboxRootfsTar, importBusybox, runCommand } from '../lib/berth.js';

test('a relative --root is resolved against the working directory', async (t) => {
  const cwd = mkdtempSync(join(tmpdir(), 'berth-rel-'));
  t.after(() => rmSync(cwd, { recursive: true, force: true }));
  const r = await runCommand(BERTH, ['--root', 'store', 'import', busyboxRootfsTar(), 'rel:1'], { cwd });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(existsSync(join(cwd, 'store/images')));
  const images = await runCommand(BERTH, ['--root', join(cwd, 'store'), 'images', '--format', '{{.Repository}}:{{.Tag}}']);
  assert.equal(images.stdout, 'rel:1\n');
});

test('a closed pipe ends berth with 141 and no message', async (t) => {
  const s = new TestStore();
  t.after(() => s.cleanup());
  await importBusybox(s, 'pipe:1');
  const r = spawnSync('bash', ['-c', `"${BERTH}" --root "${s.root}" save pipe:1 | head -c 10 >/dev/null; echo "\${PIPESTATUS[0]}"`], { encoding: 'utf8' });
  assert.equal(r.stdout.trim(), '141');
  assert.equal(r.stderr, '');
});

test('import of an unreachable URL fails in one line', async (t) => {
  const s = new TestStore();
  t.after(() => s.cleanup());
  const r = await s.run(['import', 'http://127.0.0.1:1/rootfs.tar']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^Error: Get "http:\/\/127\.0\.0\.1:1\/rootfs\.tar": .+\n$/);
});
