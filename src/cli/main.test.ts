import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandFor } from './main.js';

const name = (argv: string[]) => commandFor(argv)?.name;

test('commandFor finds the command after the global options', () => {
  assert.equal(name(['run', '--rm', 'busybox', 'true']), 'run');
  assert.equal(name(['--root', '/x', 'diff', 'c']), 'diff');
  assert.equal(name(['--root=/x', '-D', 'images']), 'images');
  assert.equal(name(['-s', 'vfs', '--debug', 'build', '.']), 'build');
  assert.equal(name(['--storage-driver=vfs', 'image', 'ls']), 'image');
  // Options of the command itself are its own business.
  assert.equal(name(['ps', '--root', 'x']), 'ps');
});

test('commandFor leaves to commander what needs every command', () => {
  for (const argv of [[], ['--help'], ['-v'], ['help', 'run'], ['bogus'], ['-Dv'], ['-svfs', 'images'], ['--root'], ['--', 'run']]) {
    assert.equal(commandFor(argv), undefined, JSON.stringify(argv));
  }
});
