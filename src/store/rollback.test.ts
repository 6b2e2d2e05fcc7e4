// The commit marker's intent lines: what a commit says it may create or delete, read back after a crash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatIntent, parseIntent } from './rollback.js';

const a = `sha256:${'a'.repeat(64)}`;
const b = `sha256:${'b'.repeat(64)}`;

test('intent lines round-trip after the pid line', () => {
  const text = '1234\n' + formatIntent('layers', [a, b]) + formatIntent('images', [a]) + formatIntent('blobs', [b]);
  assert.deepEqual(parseIntent(text), { images: [a], layers: [a, b], blobs: [b] });
});

test('a marker without intent (a commit that said nothing, or a pre-intent marker) undoes nothing', () => {
  assert.deepEqual(parseIntent('1234'), { images: [], layers: [], blobs: [] });
  assert.deepEqual(parseIntent(''), { images: [], layers: [], blobs: [] });
});

test('a torn last line or a foreign word is ignored, never misread as a digest', () => {
  const text = `99\nlayers ${a}\nlayers sha256:${'c'.repeat(20)}\nimages not-a-digest\nvolumes ${b}\n`;
  assert.deepEqual(parseIntent(text), { images: [], layers: [a], blobs: [] });
});
