import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authKey, convertToHostname, eraseCredentials, getCredentials, storeCredentials } from './credentials.js';
import { readDockerConfig } from './docker-config.js';

function tempConfig(t: { after: (fn: () => void) => void }, content?: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'berth-creds-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'config.json');
  if (content !== undefined) writeFileSync(path, JSON.stringify(content));
  return path;
}

test("keys as Docker files them: Docker Hub's index URL, else host[:port]", () => {
  assert.equal(authKey('docker.io'), 'https://index.docker.io/v1/');
  assert.equal(authKey('index.docker.io'), 'https://index.docker.io/v1/');
  assert.equal(authKey('127.0.0.1:5000'), '127.0.0.1:5000');
  assert.equal(convertToHostname('https://reg.example:5000/v1/'), 'reg.example:5000');
  assert.equal(convertToHostname('http://reg.example'), 'reg.example');
  assert.equal(convertToHostname('reg.example'), 'reg.example');
});

test('auths: decoded from `auth`, matched under any spelling of the host, identity tokens kept', async (t) => {
  const path = tempConfig(t, {
    auths: {
      'https://reg.example:5000/v1/': { auth: Buffer.from('bob:pa:ss').toString('base64') },
      'https://index.docker.io/v1/': { auth: Buffer.from('hub:').toString('base64'), identitytoken: 'tok' },
    },
    psFormat: 'table {{.ID}}',
  });
  const cfg = await readDockerConfig(path);
  assert.deepEqual(await getCredentials('reg.example:5000', cfg), { username: 'bob', password: 'pa:ss' });
  assert.deepEqual(await getCredentials('docker.io', cfg), { username: 'hub', password: '', identityToken: 'tok' });
  assert.equal(await getCredentials('other.example', cfg), null);
});

test('store and erase rewrite the file as Docker does, keeping other keys', async (t) => {
  const path = tempConfig(t, { auths: { 'http://reg.example': { auth: 'eDp5' } }, detachKeys: 'ctrl-x' });
  await storeCredentials('reg.example', { username: 'u', password: 'p' }, await readDockerConfig(path));
  assert.equal(
    readFileSync(path, 'utf8'),
    `{\n\t"auths": {\n\t\t"reg.example": {\n\t\t\t"auth": "${Buffer.from('u:p').toString('base64')}"\n\t\t}\n\t},\n\t"detachKeys": "ctrl-x"\n}`,
  );
  assert.equal(statSync(path).mode & 0o777, 0o600);
  await eraseCredentials(['reg.example', 'http://reg.example', 'https://reg.example'], await readDockerConfig(path));
  assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), { auths: {}, detachKeys: 'ctrl-x' });
});

test('a missing or empty file is an empty configuration', async (t) => {
  const path = tempConfig(t);
  assert.deepEqual((await readDockerConfig(path)).data, { auths: {} });
  writeFileSync(path, '');
  assert.deepEqual((await readDockerConfig(path)).data, { auths: {} });
  writeFileSync(path, '{nope');
  await assert.rejects(readDockerConfig(path), /^BerthError: loading config file .*config\.json: /);
});
