import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labelMap, matchesLabel } from './labels.js';

test('matchesLabel: a key, or a key with the whole value after the first =', () => {
  const labels = { team: 'a', url: 'x=y', empty: '' };
  assert.ok(matchesLabel(labels, 'team'));
  assert.ok(matchesLabel(labels, 'team=a'));
  assert.ok(!matchesLabel(labels, 'team=b'));
  assert.ok(matchesLabel(labels, 'url=x=y'));
  assert.ok(!matchesLabel(labels, 'url=x'));
  assert.ok(matchesLabel(labels, 'empty='));
  assert.ok(!matchesLabel(labels, 'none'));
  assert.ok(!matchesLabel(labels, 'constructor'), 'own keys only');
  assert.ok(!matchesLabel(null, 'team'));
});

test('labelMap: key=value pairs, a bare key empty, later ones winning', () => {
  assert.deepEqual(labelMap(['a=1', 'b', 'c=x=y', 'a=2']), { a: '2', b: '', c: 'x=y' });
  assert.deepEqual(labelMap(), {});
});
