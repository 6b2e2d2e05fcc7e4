import { test } from 'node:test';
import assert from 'node:assert/strict';
import { registryConfigFrom } from './config.js';
import { isInsecure, pullEndpoints, registryEndpoint } from './endpoints.js';

test('loopback and configured registries are insecure: HTTPS without verification, then HTTP', async () => {
  const config = registryConfigFrom({ 'insecure-registries': ['reg.example:5000', '192.168.0.0/16'] });
  assert.equal(await isInsecure('127.0.0.1:5000', config), true);
  assert.equal(await isInsecure('localhost:5000', config), true);
  assert.equal(await isInsecure('[::1]:5000', config), true);
  assert.equal(await isInsecure('reg.example:5000', config), true);
  assert.equal(await isInsecure('192.168.4.5', config), true);
  assert.equal(await isInsecure('10.0.0.1:5000', config), false);
  const ep = await registryEndpoint('127.0.0.1:5000', config);
  assert.deepEqual(ep.bases.map(String), ['https://127.0.0.1:5000/', 'http://127.0.0.1:5000/']);
  assert.equal(ep.insecureTLS, true);
  const secure = await registryEndpoint('10.0.0.1:5000', config);
  assert.deepEqual(secure.bases.map(String), ['https://10.0.0.1:5000/']);
  assert.equal(secure.insecureTLS, false);
});

test('Docker Hub: mirrors first (with their own credentials), then registry-1.docker.io; never for other registries', async () => {
  const config = registryConfigFrom({ 'registry-mirrors': ['http://127.0.0.1:5001', 'https://mirror.example'] });
  const eps = await pullEndpoints('docker.io', config);
  assert.deepEqual(
    eps.map((e) => [e.bases.map(String), e.domain, e.mirror]),
    [
      [['http://127.0.0.1:5001/'], '127.0.0.1:5001', true],
      [['https://mirror.example/'], 'mirror.example', true],
      [['https://registry-1.docker.io/'], 'docker.io', false],
    ],
  );
  assert.deepEqual((await pullEndpoints('127.0.0.1:5000', config)).map((e) => e.mirror), [false]);
  assert.deepEqual((await registryEndpoint('docker.io', config)).bases.map(String), ['https://registry-1.docker.io/']);
});
