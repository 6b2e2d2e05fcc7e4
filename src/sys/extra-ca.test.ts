import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:https';
import { rootCertificates } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adoptDeferredExtraCA, deferExtraCA, DEFERRED_ENV, trustDeferredExtraCA } from './extra-ca.js';

/** A CA and a server certificate for 127.0.0.1 that it signed, made with openssl; null when openssl is missing. */
function makeCerts(t: TestContext): { ca: string; key: string; cert: string } | null {
  const d = mkdtempSync(join(tmpdir(), 'berth-ca-'));
  t.after(() => rmSync(d, { recursive: true, force: true }));
  const ssl = (...args: string[]) => spawnSync('openssl', args, { cwd: d, stdio: 'ignore' }).status === 0;
  writeFileSync(join(d, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1\n');
  const ok =
    ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=berth test CA') &&
    ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'srv.key', '-out', 'srv.csr', '-subj', '/CN=127.0.0.1') &&
    ssl('x509', '-req', '-in', 'srv.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'srv.pem', '-days', '1', '-extfile', 'ext.cnf');
  if (!ok) return null;
  return { ca: join(d, 'ca.pem'), key: readFileSync(join(d, 'srv.key'), 'utf8'), cert: readFileSync(join(d, 'srv.pem'), 'utf8') };
}

function get(url: string, ca?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    request(url, { ca }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve(body));
    })
      .on('error', reject)
      .end();
  });
}

test('the deferred CA file is trusted from the first TLS connection on, and the variable restored', async (t) => {
  const certs = makeCerts(t);
  if (!certs) return t.skip('openssl is not installed');
  const server = createServer({ key: certs.key, cert: certs.cert }, (_req, res) => res.end('hello'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => server.close());
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  await assert.rejects(fetch(url), 'not trusted before');
  const env: NodeJS.ProcessEnv = { [DEFERRED_ENV]: certs.ca };
  adoptDeferredExtraCA(env);
  assert.deepEqual(env, { NODE_EXTRA_CA_CERTS: certs.ca });
  await assert.rejects(fetch(url), 'not trusted until a TLS user asks');
  trustDeferredExtraCA();
  assert.equal(await (await fetch(url)).text(), 'hello');
  assert.equal(await get(url), 'hello');
  // undici's own Agent, as the registry client uses it.
  const { Agent, request: undiciRequest } = await import('undici');
  const agent = new Agent({ connect: { timeout: 10_000 } });
  t.after(() => agent.close());
  assert.equal(await (await undiciRequest(url, { dispatcher: agent })).body.text(), 'hello');
  // An explicit `ca` replaces the default roots, extra ones included, as in node.
  await assert.rejects(get(url, rootCertificates[0]));
});

test('nothing happens when bin/berth deferred nothing, or node already loaded the file', async () => {
  const none: NodeJS.ProcessEnv = { PATH: '/bin' };
  adoptDeferredExtraCA(none);
  assert.deepEqual(none, { PATH: '/bin' });
  const both: NodeJS.ProcessEnv = { [DEFERRED_ENV]: '/a', NODE_EXTRA_CA_CERTS: '/b' };
  adoptDeferredExtraCA(both);
  assert.deepEqual(both, { NODE_EXTRA_CA_CERTS: '/b' });
});

test('deferExtraCA hands the file over under the deferred name, for a berth child', () => {
  assert.deepEqual(deferExtraCA({ PATH: '/bin', NODE_EXTRA_CA_CERTS: '/ca.pem' }), { PATH: '/bin', [DEFERRED_ENV]: '/ca.pem' });
  const plain = { PATH: '/bin' };
  assert.equal(deferExtraCA(plain), plain);
});
