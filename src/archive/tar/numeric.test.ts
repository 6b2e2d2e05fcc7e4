import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitsOctal, parseNumeric, writeBase256, writeNumeric, writeOctal } from './numeric.js';

const field = (s: string | number[], width = 8) => {
  const b = Buffer.alloc(width);
  if (typeof s === 'string') b.write(s, 'latin1');
  else Buffer.from(s).copy(b);
  return b;
};

test('octal fields: padding, terminators, empty', () => {
  assert.equal(parseNumeric(field('0000644\0'), 0, 8), 0o644);
  assert.equal(parseNumeric(field('   644 \0'), 0, 8), 0o644);
  assert.equal(parseNumeric(field('\0\0\0\0\0\0\0\0'), 0, 8), 0);
  assert.equal(parseNumeric(field('644\0junk'), 0, 8), 0o644);
  assert.equal(parseNumeric(field('77777777777', 12), 0, 12), 8 ** 11 - 1);
  assert.equal(parseNumeric(field('777777777777', 12), 0, 12), 8 ** 12 - 1);
  assert.ok(Number.isNaN(parseNumeric(field('0000x44\0'), 0, 8)));
  assert.ok(Number.isNaN(parseNumeric(field('0000984\0'), 0, 8)));
});

test('base-256 fields: positive, negative, overflow', () => {
  assert.equal(parseNumeric(field([0x80, 0, 0, 0, 0, 0, 0x01, 0x00]), 0, 8), 256);
  assert.equal(parseNumeric(field([0x80, 0, 0, 0, 0, 0x01, 0, 0, 0, 0, 0, 0], 12), 0, 12), 2 ** 48);
  assert.equal(parseNumeric(field([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), 0, 8), -1);
  assert.equal(parseNumeric(field([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00]), 0, 8), -256);
  assert.ok(Number.isNaN(parseNumeric(field([0x80, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], 12), 0, 12)));
});

test('writers round-trip through the parser', () => {
  for (const v of [0, 1, 0o644, 0o7777777]) {
    const b = Buffer.alloc(8);
    writeOctal(b, 0, 8, v);
    assert.equal(b[7], 0);
    assert.equal(parseNumeric(b, 0, 8), v);
  }
  const b = Buffer.alloc(8);
  writeOctal(b, 0, 8, 0o644);
  assert.equal(b.toString('latin1'), '0000644\0');
  for (const v of [2 ** 21, 2 ** 40, -1, -(2 ** 40)]) {
    const f = Buffer.alloc(8);
    writeNumeric(f, 0, 8, v);
    assert.equal(parseNumeric(f, 0, 8), v);
  }
  const big = Buffer.alloc(12);
  writeBase256(big, 0, 12, Number.MAX_SAFE_INTEGER);
  assert.equal(parseNumeric(big, 0, 12), Number.MAX_SAFE_INTEGER);
  assert.equal(fitsOctal(0o7777777, 8), true);
  assert.equal(fitsOctal(0o10000000, 8), false);
  assert.equal(fitsOctal(-1, 8), false);
});
