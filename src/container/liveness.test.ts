import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProcStat, isAlive, procStat } from './liveness.js';

test('parseProcStat reads state, ppid and start time past a command name with spaces and parentheses', () => {
  const line = '1234 (a (b) c) S 1 1234 1234 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10';
  assert.deepEqual(parseProcStat(line), { state: 'S', ppid: 1, startTime: '987654' });
  assert.equal(parseProcStat('garbage'), null);
});

test('isAlive is true for this process and false for a wrong start time or a missing pid', () => {
  const me = procStat(process.pid)!;
  assert.ok(isAlive(process.pid, me.startTime));
  assert.ok(!isAlive(process.pid, String(Number(me.startTime) + 1)));
  assert.ok(!isAlive(0));
  assert.ok(!isAlive(2 ** 22 + 1));
});
