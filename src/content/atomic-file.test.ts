import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replaceFileSync, writeFileAtomicOverlapped, writeFileAtomicSync } from './atomic-file.js';

function scratch(t: { after: (fn: () => void) => void }): string {
  const d = mkdtempSync(join(tmpdir(), 'berth-atomic-'));
  t.after(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

test('an overlapped write leaves the file whole once placed, and nothing beside it', async (t) => {
  const d = scratch(t);
  const path = join(d, 'config.json');
  writeFileSync(path, 'old');
  const w = writeFileAtomicOverlapped(path, '{"new":true}', 0o600);
  // written to a temporary name first: the old content stays until the synced file is renamed over it
  assert.equal(readFileSync(path, 'utf8'), 'old');
  await w.placed;
  assert.equal(readFileSync(path, 'utf8'), '{"new":true}');
  assert.equal(statSync(path).mode & 0o777, 0o600);
  await w.durable;
  assert.deepEqual(readdirSync(d), ['config.json']);
});

test('an overlapped write that cannot be placed rejects both promises and removes its temporary file', async (t) => {
  const d = scratch(t);
  const path = join(d, 'taken');
  mkdirSync(join(path, 'sub'), { recursive: true }); // a non-empty directory: the rename fails
  const w = writeFileAtomicOverlapped(path, 'x');
  await assert.rejects(w.placed);
  await assert.rejects(w.durable);
  assert.deepEqual(readdirSync(d), ['taken']);
});

test('the synchronous write gives the same file', (t) => {
  const d = scratch(t);
  const path = join(d, 'f');
  writeFileAtomicSync(path, 'abc');
  assert.equal(readFileSync(path, 'utf8'), 'abc');
  assert.deepEqual(readdirSync(d), ['f']);
});

test('replaceFileSync puts the file whole in place at once (mode kept), with nothing beside it; a failed rename leaves no temporary file', (t) => {
  const d = scratch(t);
  const path = join(d, 'state.json');
  writeFileSync(path, 'old');
  replaceFileSync(path, '{"n":1}', 0o640);
  assert.equal(readFileSync(path, 'utf8'), '{"n":1}');
  assert.equal(statSync(path).mode & 0o777, 0o640);
  assert.deepEqual(readdirSync(d), ['state.json']);
  mkdirSync(join(d, 'dir'));
  writeFileSync(join(d, 'dir', 'x'), '');
  assert.throws(() => replaceFileSync(join(d, 'dir'), 'y'));
  assert.deepEqual(readdirSync(d).sort(), ['dir', 'state.json']);
});
