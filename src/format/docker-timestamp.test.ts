import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dockerTimestamp as logTime } from './docker-timestamp.js';

test('--since/--until values as Docker reads them: durations before now, Unix times, RFC 3339 and local times', () => {
  const now = Date.parse('2026-11-23T12:00:00Z');
  assert.equal(logTime('10m', now), now - 600_000);
  assert.equal(logTime('1h30m', now), now - 5_400_000);
  assert.equal(logTime('1700000000', now), 1_700_000_000_000);
  assert.equal(logTime('1700000000.5', now), 1_700_000_000_500);
  assert.equal(logTime('2026-11-23T10:00:00Z', now), Date.parse('2026-11-23T10:00:00Z'));
  assert.equal(logTime('2026-11-23T10:00:00+02:00', now), Date.parse('2026-11-23T08:00:00Z'));
  assert.equal(logTime('2026-11-23T10:00:00', now), new Date(2026, 10, 23, 10, 0, 0).getTime());
  assert.equal(logTime('2026-11-23', now), new Date(2026, 10, 23).getTime());
  assert.throws(() => logTime('bogus', now), { message: 'failed to parse value as time or duration: "bogus"' });
});
