// Go's %q and Duration formatting as they appear in Docker's history rows (strings seen in Docker 20.10 output).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goDuration, goQuoteHealthcheck, goQuoteSlice, goSlice, parseGoDuration } from './go-quote.js';

test('%q and %v of string slices', () => {
  assert.equal(goQuoteSlice(['-c', 'echo $APP']), '["-c" "echo $APP"]');
  assert.equal(goQuoteSlice(['a"b', 'tab\there']), '["a\\"b" "tab\\there"]');
  assert.equal(goSlice(['/v1', '/v2']), '[/v1 /v2]');
});

test('durations', () => {
  assert.equal(goDuration(5e9), '5s');
  assert.equal(goDuration(0), '0s');
  assert.equal(goDuration(90e9), '1m30s');
  assert.equal(goDuration(3600e9), '1h0m0s');
  assert.equal(goDuration(1.5e9), '1.5s');
  assert.equal(goDuration(500e6), '500ms');
  assert.equal(parseGoDuration('1m30s'), 90e9);
  assert.equal(parseGoDuration('500ms'), 500e6);
  assert.equal(parseGoDuration('5'), null);
});

test('HEALTHCHECK rows as Docker 20.10 writes them', () => {
  assert.equal(goQuoteHealthcheck({ Test: ['CMD-SHELL', 'true'], Interval: 5e9 }), `&{["CMD-SHELL" "true"] "5s" "0s" "0s" '\\x00'}`);
  assert.equal(goQuoteHealthcheck({ Test: ['CMD', 'true'], Timeout: 2e9, Retries: 3 }), `&{["CMD" "true"] "0s" "2s" "0s" '\\x03'}`);
});
