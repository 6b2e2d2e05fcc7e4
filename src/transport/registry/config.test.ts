import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cidrContains, parseCidr, registryConfigFrom, validateMirror } from './config.js';

test("Docker's defaults when daemon.json says nothing", () => {
  const c = registryConfigFrom({});
  assert.deepEqual(c.mirrors, []);
  assert.equal(c.maxConcurrentDownloads, 3);
  assert.equal(c.maxConcurrentUploads, 5);
  assert.equal(c.maxDownloadAttempts, 5);
  assert.ok(c.insecureCidrs.some((x) => cidrContains(x, '127.8.9.10')), 'loopback is insecure by default');
  assert.ok(c.insecureCidrs.some((x) => cidrContains(x, '::1')));
  assert.ok(!c.insecureCidrs.some((x) => cidrContains(x, '10.0.0.1')));
});

test('registry-mirrors are validated as Docker validates them', () => {
  assert.equal(validateMirror('https://mirror.example'), 'https://mirror.example/');
  assert.equal(validateMirror('http://127.0.0.1:5001/'), 'http://127.0.0.1:5001/');
  assert.throws(() => validateMirror('ftp://m'), { message: 'invalid mirror: unsupported scheme "ftp" in "ftp://m"' });
  assert.throws(() => validateMirror('https://m/v2'), { message: 'invalid mirror: path, query, or fragment at end of the URI "https://m/v2"' });
  assert.throws(() => validateMirror('https://u:p@m'), { message: 'invalid mirror: username/password not allowed in URI "https://u:p@m"' });
  assert.throws(() => validateMirror('not a url'), { message: 'invalid mirror: "not a url" is not a valid URI' });
});

test('insecure-registries: hosts and networks', () => {
  const c = registryConfigFrom({ 'insecure-registries': ['Reg.Example:5000', '10.1.0.0/16', 'fd00::/8'] });
  assert.ok(c.insecureHosts.has('reg.example:5000'));
  assert.ok(c.insecureCidrs.some((x) => cidrContains(x, '10.1.200.3')));
  assert.ok(!c.insecureCidrs.some((x) => cidrContains(x, '10.2.0.1')));
  assert.ok(c.insecureCidrs.some((x) => cidrContains(x, 'fd12:3456::1')));
  assert.ok(c.insecureCidrs.some((x) => cidrContains(x, '::ffff:127.0.0.1')), 'IPv4-mapped loopback');
  assert.throws(() => registryConfigFrom({ 'insecure-registries': ['http://x'] }), { message: "insecure registry http://x should not contain '://'" });
});

test('bad values are errors naming the file', () => {
  assert.throws(() => registryConfigFrom({ 'max-concurrent-downloads': 0 }, '/etc/berth/daemon.json'), {
    message: 'invalid daemon configuration file /etc/berth/daemon.json: max-concurrent-downloads must be a positive integer',
  });
  assert.throws(() => registryConfigFrom({ 'registry-mirrors': 'x' }, 'd.json'), {
    message: 'invalid daemon configuration file d.json: registry-mirrors must be a list of strings',
  });
  assert.throws(() => registryConfigFrom([], 'd.json'), { message: 'invalid daemon configuration file d.json: expected a JSON object' });
  assert.equal(parseCidr('10.0.0.0/33'), null);
  assert.equal(parseCidr('host/8'), null);
});
