import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandColumn, commandLine } from './list.js';
import type { Container } from './record.js';

const c = (path: string, args: string[]) => ({ path, args }) as unknown as Container;

test('commandLine quotes arguments with spaces as the daemon does', () => {
  assert.equal(commandLine(c('sh', ['-c', 'echo new > /x'])), "sh -c 'echo new > /x'");
  assert.equal(commandLine(c('true', [])), 'true');
});

test('commandColumn truncates to 20 columns and quotes like strconv.Quote', () => {
  assert.equal(commandColumn(c('sh', ['-c', 'echo new > /file; ls']), false), '"sh -c \'echo new > /…"');
  assert.equal(commandColumn(c('/bin/echo', ['hi', 'there']), false), '"/bin/echo hi there"');
  assert.equal(commandColumn(c('echo', ['a "b"']), true), '"echo \'a \\"b\\"\'"');
});
