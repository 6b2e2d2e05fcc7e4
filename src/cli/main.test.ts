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

test('Go-style boolean values become what commander takes, for the command in play only', async () => {
  const { rewriteBoolFlags, commandIndex } = await import('./main.js');
  const rw = (argv: string[]) => rewriteBoolFlags(argv, commandFor(argv)!, commandIndex(argv) + 1);
  // true turns a flag on, false leaves an off-by-default flag out and turns an on-by-default one off
  assert.deepEqual(rw(['run', '--rm=true', '-d=false', 'img']), ['run', '--rm', 'img']);
  assert.deepEqual(rw(['--root', '/r', 'run', '--rm=1', '-d=F', 'img']), ['--root', '/r', 'run', '--rm', 'img']);
  assert.deepEqual(rw(['commit', '-p=false', 'c']), ['commit', '--no-pause', 'c']);
  assert.deepEqual(rw(['build', '--rm=false', '.']), ['build', '--no-rm', '.']);
  // the container's own arguments are its own, and so is what follows `--`
  assert.deepEqual(rw(['run', '--rm=true', 'img', 'tool', '--rm=false', '--pause=false']), ['run', '--rm', 'img', 'tool', '--rm=false', '--pause=false']);
  assert.deepEqual(rw(['run', '-e', '--rm=true', 'img']), ['run', '-e', '--rm=true', 'img'], 'a value of -e, not a flag');
  assert.deepEqual(rw(['run', '--', '--rm=false']), ['run', '--', '--rm=false']);
  // not a Go boolean, or not a boolean flag: left for commander to judge
  assert.deepEqual(rw(['run', '--rm=yes', 'img']), ['run', '--rm=yes', 'img']);
  assert.deepEqual(rw(['ps', '-a=true', '--no-trunc=true', '--format={{.ID}}']), ['ps', '-a', '--no-trunc', '--format={{.ID}}']);
  // a subcommand's own flags
  assert.deepEqual(rw(['image', 'ls', '--all=true']), ['image', 'ls', '--all']);
});
