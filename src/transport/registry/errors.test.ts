import { test } from 'node:test';
import assert from 'node:assert/strict';
import { networkError, registryError } from './errors.js';

test("the registry's error list, as distribution's errcode prints it", () => {
  const e = registryError(404, JSON.stringify({ errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown', detail: { Tag: 'x' } }] }));
  assert.equal(e.message, 'manifest unknown: manifest unknown');
  assert.equal(e.apiCode, 'MANIFEST_UNKNOWN');
  assert.equal(e.code, 'NOT_FOUND');
  const two = registryError(400, JSON.stringify({ errors: [{ code: 'DIGEST_INVALID', message: 'a' }, { code: 'SIZE_INVALID', message: 'b' }] }));
  assert.equal(two.message, 'errors:\ndigest invalid: a\nsize invalid: b\n');
});

test('Bearer error parameters come first (RFC 6750), then bodies that are not the API format, then statuses', () => {
  const denied = registryError(401, '', [{ scheme: 'bearer', params: { realm: 'r', error: 'insufficient_scope' } }]);
  assert.equal(denied.message, 'denied: requested access to the resource is denied');
  assert.equal(denied.code, 'DENIED');
  assert.equal(registryError(401, 'nope').message, 'unauthorized: authentication required');
  assert.equal(registryError(404, '').message, 'error parsing HTTP 404 response body: unexpected end of JSON input: ""');
  assert.equal(registryError(400, '<html>').message, 'error parsing HTTP 400 response body: invalid character "<" looking for beginning of value: "<html>"');
  assert.equal(registryError(500, '{}').message, 'received unexpected HTTP status: 500 Internal Server Error');
  assert.equal(registryError(503, '').code, 'UNAVAILABLE');
});

test("network failures in Go's url.Error words", () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
  assert.equal(networkError('GET', new URL('http://127.0.0.1:5/v2/'), refused).message, 'Get "http://127.0.0.1:5/v2/": dial tcp 127.0.0.1:5: connect: connection refused');
  const dns = Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
  assert.equal(networkError('HEAD', new URL('https://nowhere.invalid/v2/x'), dns).message, 'Head "https://nowhere.invalid/v2/x": dial tcp: lookup nowhere.invalid: no such host');
});
