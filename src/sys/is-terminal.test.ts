import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, openSync } from 'node:fs';
import { isatty } from 'node:tty';
import { isTerminal } from './is-terminal.js';

test('isTerminal: the memory devices, files, pipes and closed descriptors are no terminals', () => {
  for (const path of ['/dev/null', '/dev/zero', '/dev/urandom', '/etc/hostname', '/proc/self/status']) {
    const fd = openSync(path, 'r');
    try {
      assert.equal(isTerminal(fd), false, path);
    } finally {
      closeSync(fd);
    }
  }
  assert.equal(isTerminal(987654), false);
});

test('isTerminal: a pseudo-terminal is one, as isatty says', (t) => {
  let fd: number;
  try {
    fd = openSync('/dev/ptmx', 'r+');
  } catch (e) {
    t.skip(`no /dev/ptmx here: ${(e as Error).message}`);
    return;
  }
  try {
    assert.equal(isatty(fd), true);
    assert.equal(isTerminal(fd), true);
  } finally {
    closeSync(fd);
  }
});

test('isTerminal: agrees with isatty on this process own stdio', () => {
  for (const fd of [0, 1, 2]) assert.equal(isTerminal(fd), isatty(fd), `fd ${fd}`);
});
