// Go time parsing and RFC 3339 printing, checked against what Docker 20.10 (Go 1.19) wrote for the same input.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatRFC3339, formatRFC3339Nano, GO_ZERO_TIME, goTimeNow, parseRFC3339 } from './go-time.js';

test('round trips keep nanoseconds and trim trailing zeros', () => {
  const cases: [string, string][] = [
    ['2026-11-23T09:33:13.682712699Z', '2026-11-23T09:33:13.682712699Z'],
    ['2021-03-04T05:06:07.123000000+02:00', '2021-03-04T05:06:07.123+02:00'],
    ['2026-11-23T09:38:38.98980402Z', '2026-11-23T09:38:38.98980402Z'],
    ['1970-01-01T00:00:00.000Z', '1970-01-01T00:00:00Z'],
    ['2020-01-01T00:00:00+00:00', '2020-01-01T00:00:00Z'],
    ['2020-01-01T00:00:00-05:30', '2020-01-01T00:00:00-05:30'],
    ['2020-01-01T00:00:00.1234567891234Z', '2020-01-01T00:00:00.123456789Z'],
  ];
  for (const [input, want] of cases) assert.equal(formatRFC3339Nano(parseRFC3339(input)!), want, input);
});

test('unix seconds and RFC3339 without fraction', () => {
  const t = parseRFC3339('2021-03-04T05:06:07.9+02:00')!;
  assert.equal(t.seconds, Date.UTC(2021, 2, 4, 3, 6, 7) / 1000);
  assert.equal(formatRFC3339({ ...t, offsetSeconds: 0 }), '2021-03-04T03:06:07Z');
  assert.equal(formatRFC3339Nano(GO_ZERO_TIME), '0001-01-01T00:00:00Z');
});

test('what Go refuses', () => {
  for (const bad of ['2021-02-30T00:00:00Z', '2021-01-01T24:00:00Z', '2021-01-01 00:00:00Z', '2021-01-01T00:00:00', ''])
    assert.equal(parseRFC3339(bad), null, bad);
});

test('goTimeNow is the wall clock in UTC, with a fraction finer than a Date\'s milliseconds', () => {
  const before = Date.now();
  const samples = Array.from({ length: 50 }, () => goTimeNow());
  const after = Date.now();
  for (const t of samples) {
    assert.equal(t.offsetSeconds, 0);
    assert.ok(t.nanos >= 0 && t.nanos < 1e9 && Number.isInteger(t.nanos));
    const ms = t.seconds * 1000 + t.nanos / 1e6;
    assert.ok(ms >= before - 5 && ms <= after + 5, `${ms} outside ${before}..${after}`);
  }
  // sub-millisecond digits: not all samples can fall on whole milliseconds
  assert.ok(samples.some((t) => t.nanos % 1_000_000 !== 0));
  // and in order, as they were taken
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1];
    const b = samples[i];
    assert.ok(b.seconds > a.seconds || (b.seconds === a.seconds && b.nanos >= a.nanos));
  }
});

test('fractions of every length, and one second after another (the formatted second is reused)', () => {
  const at = (seconds: number, nanos: number, offsetSeconds = 0) => formatRFC3339Nano({ seconds, nanos, offsetSeconds });
  assert.equal(at(1700000000, 5), '2023-11-14T22:13:20.000000005Z');
  assert.equal(at(1700000000, 100), '2023-11-14T22:13:20.0000001Z');
  assert.equal(at(1700000000, 120_000_000), '2023-11-14T22:13:20.12Z');
  assert.equal(at(1700000000, 999_999_999), '2023-11-14T22:13:20.999999999Z');
  assert.equal(at(1700000001, 1), '2023-11-14T22:13:21.000000001Z');
  assert.equal(at(1700000000, 0), '2023-11-14T22:13:20Z');
  // the same instant in another zone is another wall second
  assert.equal(at(1700000000, 5, 3600), '2023-11-14T23:13:20.000000005+01:00');
  assert.equal(at(1700000000, 5), '2023-11-14T22:13:20.000000005Z');
  assert.equal(formatRFC3339({ seconds: 1700000000, nanos: 5, offsetSeconds: 0 }), '2023-11-14T22:13:20Z');
});
