import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomInt } from './random.js';

test('randomBytes: the asked length, different every call, across pool refills', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 300; i++) {
    const b = randomBytes(32);
    assert.equal(b.length, 32);
    seen.add(b.toString('hex'));
  }
  assert.equal(seen.size, 300);
  assert.equal(randomBytes(10_000).length, 10_000);
  assert.equal(randomBytes(0).length, 0);
});

test('randomInt: stays in range and reaches every value', () => {
  const counts = new Array(7).fill(0);
  for (let i = 0; i < 7000; i++) {
    const v = randomInt(7);
    assert.ok(Number.isInteger(v) && v >= 0 && v < 7, String(v));
    counts[v]++;
  }
  for (const c of counts) assert.ok(c > 700, `skewed: ${counts}`);
  assert.equal(randomInt(1), 0);
  assert.throws(() => randomInt(0), RangeError);
});
