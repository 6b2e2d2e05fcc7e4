import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ago, bytesSize, humanDuration, humanSize, humanSizeWithPrecision, parseSize, ramInBytes } from './units.js';

test('humanSizeWithPrecision(n, 3) as docker images prints sizes (FORMATS.md)', () => {
  const cases: [number, string][] = [
    [0, '0B'],
    [323, '323B'],
    [999, '999B'],
    [1000, '1kB'],
    [1024, '1.02kB'],
    [48_900, '48.9kB'],
    [1_980_000, '1.98MB'],
    [198_948_490, '199MB'],
    [999_499, '999kB'],
    [999_500, '1e+03kB'],
    [999_999_999, '1e+03MB'],
    [1_125, '1.12kB'],
    [1_135, '1.14kB'],
  ];
  for (const [n, want] of cases) assert.equal(humanSizeWithPrecision(n, 3), want, String(n));
});

test('humanSize uses four digits (go-units size_test)', () => {
  assert.equal(humanSize(1000), '1kB');
  assert.equal(humanSize(1024), '1.024kB');
  assert.equal(humanSize(1_000_000), '1MB');
  assert.equal(humanSize(1_048_576), '1.049MB');
  assert.equal(humanSize(2_000_000), '2MB');
  assert.equal(humanSize(3.42e9), '3.42GB');
  assert.equal(humanSize(5.372e12), '5.372TB');
  assert.equal(humanSize(2.22e15), '2.22PB');
  assert.equal(humanSize(1e28), '1e+04YB');
  assert.equal(humanSize(198_948_490), '198.9MB');
});

test('bytesSize uses binary units (go-units size_test)', () => {
  assert.equal(bytesSize(1024), '1KiB');
  assert.equal(bytesSize(1024 * 1024), '1MiB');
  assert.equal(bytesSize(2 * 1024 ** 2), '2MiB');
  assert.equal(bytesSize(3.42 * 1024 ** 3), '3.42GiB');
  assert.equal(bytesSize(5.372 * 1024 ** 4), '5.372TiB');
  assert.equal(bytesSize(2.22 * 1024 ** 5), '2.22PiB');
  assert.equal(bytesSize(1024 ** 10), '1.049e+06YiB');
});

test('parseSize and ramInBytes (go-units size_test)', () => {
  assert.equal(parseSize('32'), 32);
  assert.equal(parseSize('32b'), 32);
  assert.equal(parseSize('32K'), 32_000);
  assert.equal(parseSize('32kb'), 32_000);
  assert.equal(parseSize('32Mb'), 32_000_000);
  assert.equal(parseSize('32.5 kB'), 32_500);
  assert.equal(parseSize('32.5 B'), 32);
  assert.equal(parseSize('0.3 K'), 300);
  assert.equal(ramInBytes('32Kib'), 32 * 1024);
  assert.equal(ramInBytes('32m'), 32 * 1024 ** 2);
  assert.equal(ramInBytes('32PB'), 32 * 1024 ** 5);
  assert.equal(ramInBytes('32.3 mb'), Math.trunc(32.3 * 1024 ** 2));
  for (const bad of ['', 'hello', '-32', '.3kB', ' 32 ', '32m b', '32bm', '1.2.3'])
    assert.throws(() => ramInBytes(bad), /invalid size/, bad);
});

test('humanDuration (go-units duration_test)', () => {
  const s = 1000;
  const min = 60 * s;
  const hour = 60 * min;
  const day = 24 * hour;
  const week = 7 * day;
  const month = 30 * day;
  const year = 365 * day;
  const cases: [number, string][] = [
    [450, 'Less than a second'],
    [-5 * s, 'Less than a second'],
    [1 * s, '1 second'],
    [45 * s, '45 seconds'],
    [59 * s, '59 seconds'],
    [60 * s, 'About a minute'],
    [3 * min, '3 minutes'],
    [35 * min + 40 * s, '35 minutes'],
    [59 * min, '59 minutes'],
    [hour, 'About an hour'],
    [hour + 29 * min, 'About an hour'],
    [hour + 31 * min, '2 hours'],
    [3 * hour + 29 * min, '3 hours'],
    [3 * hour + 31 * min, '4 hours'],
    [day, '24 hours'],
    [day + 12 * hour, '36 hours'],
    [2 * day, '2 days'],
    [13 * day + 5 * hour, '13 days'],
    [2 * week, '2 weeks'],
    [2 * week + 4 * day, '2 weeks'],
    [4 * week + 3 * day, '4 weeks'],
    [month, '4 weeks'],
    [month + 2 * week, '6 weeks'],
    [2 * month, '2 months'],
    [5 * month + 2 * week, '5 months'],
    [24 * month, '24 months'],
    [24 * month + 2 * week, '2 years'],
    [3 * year + 2 * month, '3 years'],
  ];
  for (const [ms, want] of cases) assert.equal(humanDuration(ms), want, String(ms));
});

test('ago appends " ago" to the span between two times', () => {
  const now = new Date('2026-11-23T09:36:13Z');
  assert.equal(ago(new Date('2026-11-23T09:33:13.682Z'), now), '2 minutes ago');
  assert.equal(ago(now.getTime() - 3 * 24 * 3600_000, now), '3 days ago');
});
