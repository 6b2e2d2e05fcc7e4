import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePruneFilters, passes } from './prune-filters.js';

test('parsePruneFilters: until as Docker reads times and durations, labels with and without values, Docker\'s errors', () => {
  const now = Date.parse('2026-12-07T00:00:00Z');
  const f = parsePruneFilters(['until=24h', 'label=team=a', 'label!=tmp'], undefined, now);
  assert.equal(f.until, now - 86_400_000);
  assert.deepEqual(f.labels, [{ spec: 'team=a', not: false }, { spec: 'tmp', not: true }]);
  assert.equal(parsePruneFilters(['until=1700000000']).until, 1_700_000_000_000);
  assert.throws(() => parsePruneFilters(['foo=1']), /^BerthError: Invalid filter 'foo'$/);
  assert.throws(() => parsePruneFilters(['until=1h'], ['label']), /Invalid filter 'until'/);
  assert.throws(() => parsePruneFilters(['until=soon']), /failed to parse value as time or duration: "soon"/);
});

test('passes: created before until, every label test holds; unknown creation times never pass until', () => {
  const f = parsePruneFilters(['until=2026-01-01T00:00:00Z', 'label=team', 'label!=keep=yes']);
  const before = Date.parse('2025-06-01T00:00:00Z');
  assert.equal(passes(f, { team: 'a' }, before), true);
  assert.equal(passes(f, { team: 'a' }, Date.parse('2026-06-01T00:00:00Z')), false);
  assert.equal(passes(f, { team: 'a', keep: 'yes' }, before), false);
  assert.equal(passes(f, { team: 'a', keep: 'no' }, before), true);
  assert.equal(passes(f, null, before), false);
  assert.equal(passes(f, { team: 'a' }, null), false);
  assert.equal(passes({ labels: [] }, null, null), true);
});
