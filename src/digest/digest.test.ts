import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chainIDs, sha256, EMPTY_LAYER_DIFF_ID, parseDigest } from './digest.js';

test('chainIDs follows the image spec', () => {
  const a = sha256('a');
  const b = sha256('b');
  const c = sha256('c');
  const ids = chainIDs([a, b, c]);
  assert.equal(ids[0], a);
  assert.equal(ids[1], sha256(`${a} ${b}`));
  assert.equal(ids[2], sha256(`${ids[1]} ${c}`));
});

test('empty layer diffID is sha256 of 1024 zero bytes', () => {
  assert.equal(sha256(new Uint8Array(1024)), EMPTY_LAYER_DIFF_ID);
});

test('parseDigest refuses malformed digests', () => {
  assert.throws(() => parseDigest('sha256:abc'), /invalid digest/);
  assert.throws(() => parseDigest('md5:' + 'a'.repeat(64)));
  assert.equal(parseDigest('sha256:' + 'a'.repeat(64)), 'sha256:' + 'a'.repeat(64));
});
