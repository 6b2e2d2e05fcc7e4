import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statusText } from './status.js';
import { initialState } from './record.js';

const now = Date.parse('2024-05-01T12:00:00Z');

test('statusText matches Docker for running, exited and created containers', () => {
  const base = initialState();
  assert.equal(statusText(base, now), 'Created');
  assert.equal(statusText({ ...base, status: 'running', startedAt: '2024-05-01T11:40:59.5Z' }, now), 'Up 19 minutes');
  assert.equal(statusText({ ...base, status: 'running', startedAt: '2024-05-01T11:59:59.9Z' }, now), 'Up Less than a second');
  assert.equal(
    statusText({ ...base, status: 'exited', exitCode: 0, finishedAt: '2024-05-01T11:59:57Z' }, now),
    'Exited (0) 3 seconds ago',
  );
  assert.equal(statusText({ ...base, status: 'exited', exitCode: 137, finishedAt: '2024-05-01T10:59:00Z' }, now), 'Exited (137) About an hour ago');
});
