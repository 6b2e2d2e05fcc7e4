// bin/berth's start-up: NODE_EXTRA_CA_CERTS is left for the first TLS connection (src/sys/extra-ca.ts) rather than
// parsed by node before anything runs, and the CLI bundle is compiled with a V8 code cache that a stale or broken
// cache file never breaks.

import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { spawnSync } from 'node:child_process';
import { BERTH, REPO, runCommand, need, isRoot, hasCommand, TestStore } from '../lib/berth.js';

const env = { NODE_EXTRA_CA_CERTS: '/nonexistent/berth-test-ca.pem' };
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

test('a command without TLS never reads NODE_EXTRA_CA_CERTS', async () => {
  const r = await runCommand(BERTH, ['--version'], { env });
  assert.equal(r.code, 0);
  assert.equal(r.stderr, '');
  // node itself reads the file at start-up and warns that it is missing: what the launcher spares.
  const direct = await runCommand(process.execPath, [BERTH, '--version'], { env });
  assert.match(direct.stderr, /Ignoring extra certs from `\/nonexistent\/berth-test-ca.pem`/);
});

test('NODE_EXTRA_CA_CERTS is trusted when a command makes a TLS connection: import from an HTTPS URL', async (t) => {
  if (!need(t, hasCommand('openssl') && hasCommand('tar'), 'needs openssl and tar')) return;
  if (!need(t, isRoot(), 'needs root (import unpacks a layer with its owners)')) return;
  const d = mkdtempSync(join(tmpdir(), 'berth-tls-'));
  t.after(() => rmSync(d, { recursive: true, force: true }));
  const ssl = (...args: string[]) => assert.equal(spawnSync('openssl', args, { cwd: d, stdio: 'ignore' }).status, 0, args.join(' '));
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1');
  writeFileSync(join(d, 'hello'), 'hello\n');
  assert.equal(spawnSync('tar', ['-cf', 'rootfs.tar', 'hello'], { cwd: d }).status, 0);
  const tar = readFileSync(join(d, 'rootfs.tar'));
  const server = createServer({ key: readFileSync(join(d, 'key.pem')), cert: readFileSync(join(d, 'cert.pem')) }, (_req, res) => res.end(tar));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => server.close());
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/rootfs.tar`;
  const store = new TestStore('berth-tls-store-');
  t.after(() => store.cleanup());
  const untrusted = await store.run(['import', url, 'tls:1'], { env: { NODE_EXTRA_CA_CERTS: '' } });
  assert.notEqual(untrusted.code, 0, 'a certificate nobody trusts is refused');
  const trusted = await store.run(['import', url, 'tls:1'], { env: { NODE_EXTRA_CA_CERTS: join(d, 'cert.pem') } });
  assert.equal(trusted.code, 0, trusted.stderr);
  assert.match(trusted.stdout, /^sha256:[0-9a-f]{64}\n$/);
});

/** A copy of bin/berth and its bundle, as an installation elsewhere would have them. */
function install(t: TestContext): string {
  const d = mkdtempSync(join(tmpdir(), 'berth-install-'));
  t.after(() => rmSync(d, { recursive: true, force: true }));
  cpSync(join(REPO, 'bin'), join(d, 'bin'), { recursive: true });
  cpSync(join(REPO, 'dist/cli'), join(d, 'dist/cli'), { recursive: true });
  cpSync(join(REPO, 'package.json'), join(d, 'package.json'));
  symlinkSync(join(REPO, 'node_modules'), join(d, 'node_modules'));
  return d;
}

test('a code cache is used only for the bundle and node it was made by, and only when intact', async (t) => {
  const d = install(t);
  const bundle = join(d, 'dist/cli/berth.cjs');
  const cache = `${bundle}.cache`;
  const berth = (args: string[]) => runCommand(join(d, 'bin/berth'), args);
  const header = () => readFileSync(cache).subarray(0, 300).toString('latin1').split('\n')[0];
  const prefix = () => `berth code cache ${process.version} ${process.arch} ${sha256(readFileSync(bundle))} `;
  // The build left a cache for this bundle and this node: it is kept as it is.
  const built = readFileSync(cache);
  assert.ok(header().startsWith(prefix()), header());
  // The build sealed it (what spares hashing it and the bundle on every run) for this node.
  const seal = readFileSync(`${cache}.ok`, 'latin1');
  assert.ok(seal.startsWith(`${process.version} ${process.arch} `), seal);
  assert.equal((await berth(['--version'])).code, 0);
  assert.deepEqual(readFileSync(cache), built);
  // Right header, damaged code (V8 itself would crash on it): not used, and written again.
  const damaged = Buffer.from(built);
  for (let i = header().length + 1000; i < damaged.length; i += 997) damaged[i] ^= 0x5a;
  writeFileSync(cache, damaged);
  const r = await berth(['info', '--help']); // a command without a cache of its own
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Usage: berth info /);
  assert.ok(header().startsWith(prefix()));
  assert.notDeepEqual(readFileSync(cache), damaged);
  assert.notEqual(readFileSync(`${cache}.ok`, 'latin1'), seal, 'the new cache has a seal of its own');
  // A command's own cache, damaged: dropped (the bundle's cache serves), never used.
  const own = `${bundle}.images.cache`;
  assert.ok(existsSync(own), 'the build trained a cache for images');
  const ownDamaged = readFileSync(own);
  for (let i = 2000; i < ownDamaged.length; i += 997) ownDamaged[i] ^= 0x5a;
  writeFileSync(own, ownDamaged);
  const r2 = await berth(['images', '--help']);
  assert.equal(r2.code, 0, r2.stderr);
  assert.match(r2.stdout, /^Usage: berth images /);
  assert.equal(existsSync(own), false);
  // Another bundle (the same length, as V8 would accept): the cache is made again for it.
  const source = readFileSync(bundle, 'utf8');
  writeFileSync(bundle, source.replace('styleTitle("Usage:")', 'styleTitle("USAGE:")'));
  assert.match((await berth(['info', '--help'])).stdout, /^USAGE: berth info /);
  // and a command's own cache, made for the old bundle, is dropped rather than used
  const tagCache = `${bundle}.tag.cache`;
  assert.ok(existsSync(tagCache));
  assert.match((await berth(['tag', '--help'])).stdout, /^USAGE: berth tag /);
  assert.equal(existsSync(tagCache), false);
  assert.ok(header().startsWith(prefix()));
  // Under node flags a cache would not fit a plain run: none is written.
  rmSync(cache);
  assert.equal((await runCommand(process.execPath, ['--no-warnings', join(d, 'bin/berth'), '--version'])).code, 0);
  assert.equal(existsSync(cache), false);
});

test('the bundle is written inside its CommonJS wrapper, and a bundle without it still runs', async (t) => {
  const d = install(t);
  const bundle = join(d, 'dist/cli/berth.cjs');
  const opening = '(function (exports, require, module, __filename, __dirname) {';
  const text = readFileSync(bundle, 'latin1');
  assert.ok(text.startsWith(opening), text.slice(0, 80));
  assert.ok(text.endsWith('\n})'));
  // as builds before the wrapper was written made it: the launcher wraps it itself
  writeFileSync(bundle, text.slice(opening.length, -'\n})'.length), 'latin1');
  const r = await runCommand(join(d, 'bin/berth'), ['--version']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^\d+\.\d+\.\d+/);
});
