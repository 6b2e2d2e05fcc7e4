import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { joinPath } from './join-path.js';

test('store paths are concatenated as path.join would join them', () => {
  const id = 'a'.repeat(64);
  assert.equal(joinPath('/var/lib/berth', 'containers', id, 'config.json'), `/var/lib/berth/containers/${id}/config.json`);
  assert.equal(joinPath('rel/dir', '.wh.file'), 'rel/dir/.wh.file');
  assert.equal(joinPath('/a/b'), '/a/b');
});

test('what path.join would normalize is joined by path.join', () => {
  for (const parts of [
    [],
    [''],
    ['/'],
    ['/a/', 'b'],
    ['/a', '/b'],
    ['/a', '.', 'b'],
    ['/a', '..', 'b'],
    ['/a//b', 'c'],
    ['/a', 'b/./c'],
    ['/a', 'b/../c'],
    ['./a', 'b'],
    ['../a', 'b'],
    ['/a', 'b/.'],
    ['/a', 'b/..'],
    ['/a', '', 'b'],
  ]) {
    assert.equal(joinPath(...parts), join(...parts), JSON.stringify(parts));
  }
});

test('equals path.join for any parts made of slashes, dots and letters', () => {
  // a deterministic generator: every run checks the same 20,000 cases
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  const alphabet = ['/', '.', 'a', 'b'];
  for (let n = 0; n < 20000; n++) {
    const parts = Array.from({ length: 1 + (next() % 4) }, () => Array.from({ length: next() % 6 }, () => alphabet[next() % alphabet.length]).join(''));
    assert.equal(joinPath(...parts), join(...parts), JSON.stringify(parts));
  }
});
