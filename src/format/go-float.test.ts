import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFloat } from './go-float.js';

// Expected strings come from Go 1.19's strconv.FormatFloat(x, fmt, prec, 64).
test('%g with a precision switches to exponent form at exp >= precision and trims zeros', () => {
  assert.equal(formatFloat(1000, 'g', 3), '1e+03');
  assert.equal(formatFloat(999.95, 'g', 4), '1000');
  assert.equal(formatFloat(999.95, 'g', 3), '1e+03');
  assert.equal(formatFloat(198.94849, 'g', 3), '199');
  assert.equal(formatFloat(198.94849, 'g', 4), '198.9');
  assert.equal(formatFloat(1.024, 'g', 3), '1.02');
  assert.equal(formatFloat(0.00001234, 'g', 3), '1.23e-05');
  assert.equal(formatFloat(0.0001234, 'g', 3), '0.000123');
  assert.equal(formatFloat(0, 'g', 3), '0');
  assert.equal(formatFloat(100, 'g', 0), '1e+02');
});

test('exact ties round half to even, not up', () => {
  assert.equal(formatFloat(1.125, 'g', 3), '1.12');
  assert.equal(formatFloat(0.125, 'f', 2), '0.12');
  assert.equal(formatFloat(2.5, 'f', 0), '2');
  assert.equal(formatFloat(0.5, 'f', 0), '0');
  assert.equal(formatFloat(1.5, 'f', 0), '2');
  assert.equal(formatFloat(1.005, 'f', 2), '1.00');
  assert.equal(formatFloat(2.675, 'f', 2), '2.67');
});

test('shortest (-1) matches Go for %g, %e and %f', () => {
  assert.equal(formatFloat(1e6, 'g', -1), '1e+06');
  assert.equal(formatFloat(123456, 'g', -1), '123456');
  assert.equal(formatFloat(123456789, 'g', -1), '1.23456789e+08');
  assert.equal(formatFloat(0.00001, 'g', -1), '1e-05');
  assert.equal(formatFloat(2.5, 'e', -1), '2.5e+00');
  assert.equal(formatFloat(1e21, 'f', -1), '1000000000000000000000');
  assert.equal(formatFloat(5e-324, 'g', -1), '5e-324');
  assert.equal(formatFloat(1.7976931348623157e308, 'e', 3), '1.798e+308');
});

test('signs, zero and specials', () => {
  assert.equal(formatFloat(-0, 'g', -1), '-0');
  assert.equal(formatFloat(-3.14159, 'f', 2), '-3.14');
  assert.equal(formatFloat(0, 'e', 2), '0.00e+00');
  assert.equal(formatFloat(NaN, 'g', 3), 'NaN');
  assert.equal(formatFloat(Infinity, 'f', 1), '+Inf');
  assert.equal(formatFloat(-Infinity, 'e', 1), '-Inf');
  assert.equal(formatFloat(12345.678, 'E', 2), '1.23E+04');
  assert.equal(formatFloat(1e21, 'G', -1), '1E+21');
});
