// Registry authentication against real registries started here: htpasswd Basic auth and token auth (a token
// server of the test's own, as Distribution expects it), login/logout writing Docker's config.json (under a
// private DOCKER_CONFIG) or a credential helper, tokens refreshed when they expire, and credentials that never
// follow a redirect to another host. Messages as Docker 20.10 prints them against the same registries.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestStore, hasCommand, importBusybox, need } from '../lib/berth.js';
import { TestRegistry, hasRegistry } from '../lib/registry.js';
import { TokenServer } from '../lib/token-server.js';
import { RegistryProxy, blobGet } from '../lib/registry-proxy.js';
import { Authenticator } from '../../src/transport/registry/auth.js';
import { HttpTransport } from '../../src/transport/registry/http.js';
import { parseChallenges } from '../../src/transport/registry/challenge.js';

const USERS = { alice: 's3cret' };
let dir: string;
let basic: TestRegistry | undefined;
let tokens: TokenServer | undefined;
let tokenReg: TokenRegistry | undefined;
type TokenRegistry = TestRegistry;

const ready = () => hasRegistry() && hasCommand('htpasswd') && hasCommand('openssl');
const WHY = 'needs docker-registry, htpasswd (apache2-utils) and openssl (scripts/setup.sh installs them)';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'berth-auth-'));
  if (!ready()) return;
  basic = await TestRegistry.start({ htpasswd: USERS });
  tokens = await TokenServer.start({ users: USERS });
  tokenReg = await TestRegistry.start({ token: tokens });
});
after(async () => {
  await basic?.stop();
  await tokenReg?.stop();
  await tokens?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A store and a private Docker config directory for one test. */
function setup(t: { after: (fn: () => void) => void }, name: string) {
  const store = new TestStore();
  const config = join(dir, name);
  t.after(() => store.cleanup());
  const env = { DOCKER_CONFIG: config };
  return {
    store,
    config,
    run: (args: string[], input?: string) => store.run(args, { env, input }),
    ok: (args: string[], input?: string) => store.ok(args, { env, input }),
  };
}

test('htpasswd: refused without credentials, login checks and stores them, logout removes them', async (t) => {
  if (!need(t, ready(), WHY)) return;
  const s = setup(t, 'basic');
  const H = basic!.host;
  await importBusybox(s.store, `${H}/b/app:1`);

  let r = await s.run(['pull', `${H}/b/app:1`]);
  assert.deepEqual([r.code, r.stderr], [1, `Error response from daemon: Head "http://${H}/v2/b/app/manifests/1": no basic auth credentials\n`]);
  r = await s.run(['push', `${H}/b/app:1`]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /no basic auth credentials\n$/);

  r = await s.run(['login', '-u', 'alice', '-p', 'wrong', H]);
  assert.deepEqual(
    [r.code, r.stdout, r.stderr],
    [1, '', `WARNING! Using --password via the CLI is insecure. Use --password-stdin.\nError response from daemon: login attempt to http://${H}/v2/ failed with status: 401 Unauthorized\n`],
  );
  assert.equal(existsSync(join(s.config, 'config.json')), false);

  r = await s.run(['login', '-u', 'alice', '--password-stdin', H], 's3cret\n');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'Login Succeeded\n');
  assert.equal(
    r.stderr,
    `WARNING! Your password will be stored unencrypted in ${join(s.config, 'config.json')}.\nConfigure a credential helper to remove this warning. See\nhttps://docs.docker.com/engine/reference/commandline/login/#credentials-store\n\n`,
  );
  assert.equal(readFileSync(join(s.config, 'config.json'), 'utf8'), `{\n\t"auths": {\n\t\t"${H}": {\n\t\t\t"auth": "${Buffer.from('alice:s3cret').toString('base64')}"\n\t\t}\n\t}\n}`);

  await s.ok(['push', `${H}/b/app:1`]);
  const other = setup(t, 'basic');
  await other.ok(['pull', `${H}/b/app:1`]);

  assert.equal(await s.ok(['logout', H]), `Removing login credentials for ${H}\n`);
  assert.equal(readFileSync(join(s.config, 'config.json'), 'utf8'), '{\n\t"auths": {}\n}');
  r = await other.run(['pull', `${H}/b/app:1`]);
  assert.equal(r.code, 1);
});

test('login argument errors, as docker/cli words them', async (t) => {
  if (!need(t, ready(), WHY)) return;
  const s = setup(t, 'args');
  const H = basic!.host;
  const cases: [string[], string | undefined, string][] = [
    [['login', '--password-stdin', H], 'x', 'Must provide --username with --password-stdin\n'],
    [['login', '-u', 'a', '-p', 'x', '--password-stdin', H], '', 'WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n--password and --password-stdin are mutually exclusive\n'],
    [['login', H], '', 'Error: Cannot perform an interactive login from a non TTY device\n'],
    [['login', '-u', 'alice', H], '', 'Error: Cannot perform an interactive login from a non TTY device\n'],
  ];
  for (const [args, input, stderr] of cases) {
    const r = await s.run(args, input);
    assert.deepEqual([r.code, r.stderr], [1, stderr], args.join(' '));
  }
});

test('token auth: anonymous pulls are denied, login keeps the refresh token, push and pull trade it for tokens', async (t) => {
  if (!need(t, ready(), WHY)) return;
  const s = setup(t, 'token');
  const H = tokenReg!.host;
  await importBusybox(s.store, `${H}/t/app:1`);
  let r = await s.run(['pull', `${H}/t/app:1`]);
  assert.deepEqual(
    [r.code, r.stderr],
    [1, `Error response from daemon: pull access denied for ${H}/t/app, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n`],
  );
  r = await s.run(['login', '-u', 'alice', '-p', 'nope', H]);
  assert.equal(r.stderr.split('\n')[1], `Error response from daemon: Get "http://${H}/v2/": unauthorized: invalid username or password`);

  r = await s.run(['login', '-u', 'alice', '--password-stdin', H], 's3cret');
  assert.deepEqual([r.code, r.stdout, r.stderr], [0, 'Login Succeeded\n', '']);
  const cfg = JSON.parse(readFileSync(join(s.config, 'config.json'), 'utf8'));
  assert.equal(cfg.auths[H].auth, Buffer.from('alice:').toString('base64'));
  assert.match(cfg.auths[H].identitytoken, /^[a-f0-9]{32}$/);

  const before = tokens!.requests.length;
  await s.ok(['push', `${H}/t/app:1`]);
  const used = tokens!.requests.slice(before);
  assert.ok(used.length > 0);
  assert.ok(used.every((q) => q.method === 'POST' && q.form?.get('grant_type') === 'refresh_token' && q.user === 'alice'));
  assert.ok(used.some((q) => q.form?.get('scope')?.includes(`repository:t/app:pull,push`)));

  // Another store with the same login pulls it.
  const fresh = setup(t, 'token');
  await fresh.ok(['pull', `${H}/t/app:1`]);
  assert.equal((await fresh.ok(['images', '-q'])).trim().length, 12);
  assert.equal(await s.ok(['logout', H]), `Removing login credentials for ${H}\n`);
});

test('tokens are cached per scope and fetched again once they expire', async (t) => {
  if (!need(t, ready(), WHY)) return;
  let now = Date.now();
  await using transport = new HttpTransport();
  const auth = new Authenticator(transport, { username: 'alice', password: 's3cret' }, false, () => now);
  const ping = await fetch(`${tokenReg!.url}/v2/`);
  assert.equal(ping.status, 401);
  assert.ok(auth.learn(parseChallenges(ping.headers.get('www-authenticate') ?? undefined)));
  const scope = ['repository:cache/app:pull'];
  const start = tokens!.requests.length;
  const first = await auth.authorization(scope);
  assert.equal(await auth.authorization(scope), first);
  assert.equal(tokens!.requests.length - start, 1, 'a cached token is reused');
  await auth.authorization(['repository:cache/other:pull']);
  assert.equal(tokens!.requests.length - start, 2, 'another scope needs another token');
  now += 301_000; // the server's expires_in is 300 s
  await auth.authorization(scope);
  assert.equal(tokens!.requests.length - start, 3, 'an expired token is fetched again');
  const q = tokens!.requests[tokens!.requests.length - 1];
  assert.deepEqual([q.method, q.user, q.query.getAll('scope'), q.query.get('service')], ['GET', 'alice', scope, tokens!.service]);
  // The registry takes the token.
  const res = await fetch(`${tokenReg!.url}/v2/cache/app/tags/list`, { headers: { authorization: (await auth.authorization(scope))! } });
  assert.equal(res.status, 404);
});

test('a credential helper stores, serves and erases the credentials', async (t) => {
  if (!need(t, ready(), WHY)) return;
  const s = setup(t, 'helper');
  const H = basic!.host;
  const bin = join(dir, 'bin');
  const db = join(dir, 'helper-db.json');
  writeFileSync(db, '{}');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(bin, { recursive: true });
  mkdirSync(s.config, { recursive: true });
  const script = join(bin, 'docker-credential-berthtest');
  writeFileSync(
    script,
    `#!/usr/bin/env node
const fs = require('fs'); const db = ${JSON.stringify(db)};
let input = ''; process.stdin.on('data', (c) => (input += c)).on('end', () => {
  const data = JSON.parse(fs.readFileSync(db, 'utf8'));
  const log = (a) => fs.appendFileSync(db + '.log', a + ' ' + input.split('"Secret"')[0] + '\\n');
  switch (process.argv[2]) {
    case 'store': { const c = JSON.parse(input); data[c.ServerURL] = c; log('store'); break; }
    case 'get': { log('get'); const c = data[input.trim()]; if (!c) { console.log('credentials not found in native keychain'); process.exit(1); } console.log(JSON.stringify(c)); break; }
    case 'erase': { log('erase'); delete data[input.trim()]; break; }
  }
  fs.writeFileSync(db, JSON.stringify(data));
});
`,
  );
  chmodSync(script, 0o755);
  writeFileSync(join(s.config, 'config.json'), JSON.stringify({ credsStore: 'berthtest', psFormat: 'kept' }));
  const env = { DOCKER_CONFIG: s.config, PATH: `${bin}:${process.env.PATH}` };
  const r = await s.store.run(['login', '-u', 'alice', '--password-stdin', H], { env, input: 's3cret\n' });
  assert.deepEqual([r.code, r.stdout, r.stderr], [0, 'Login Succeeded\n', '']);
  assert.deepEqual(JSON.parse(readFileSync(db, 'utf8'))[H], { ServerURL: H, Username: 'alice', Secret: 's3cret' });
  const cfg = JSON.parse(readFileSync(join(s.config, 'config.json'), 'utf8'));
  assert.deepEqual(cfg, { credsStore: 'berthtest', psFormat: 'kept', auths: { [H]: {} } });

  await importBusybox(s.store, `${H}/h/app:1`);
  await s.store.ok(['push', `${H}/h/app:1`], { env });
  assert.match(readFileSync(db + '.log', 'utf8'), /^get /m);
  assert.equal(await s.store.ok(['logout', H], { env }), `Removing login credentials for ${H}\n`);
  assert.deepEqual(JSON.parse(readFileSync(db, 'utf8')), {});
});

test('credentials stay with their host: a blob redirect to another host gets no Authorization', async (t) => {
  if (!need(t, ready(), WHY)) return;
  const s = setup(t, 'redirect');
  await s.ok(['login', '-u', 'alice', '--password-stdin', basic!.host], 's3cret');
  // Blob storage elsewhere (another loopback address): records what arrives, fetches the blob like a presigned URL.
  const seen: IncomingHttpHeaders[] = [];
  const storage = createServer((req, res) => {
    seen.push(req.headers);
    const up = request(
      { host: '127.0.0.1', port: basic!.port, path: req.url, headers: { authorization: `Basic ${Buffer.from('alice:s3cret').toString('base64')}` } },
      (ur) => {
        res.writeHead(ur.statusCode ?? 502, ur.headers);
        ur.pipe(res);
      },
    );
    up.end();
  });
  await new Promise<void>((r) => storage.listen(0, '127.0.0.2', r));
  t.after(() => storage.close());
  const port = (storage.address() as { port: number }).port;
  const proxy = await RegistryProxy.start(basic!.url);
  t.after(() => proxy.stop());
  proxy.rules.push({ match: blobGet(), action: (req) => ({ redirect: `http://127.0.0.2:${port}${req.path}` }) });
  const P = proxy.host;
  await s.ok(['login', '-u', 'alice', '--password-stdin', P], 's3cret');
  await importBusybox(s.store, `${basic!.host}/r/app:1`);
  await s.ok(['push', `${basic!.host}/r/app:1`]);
  const other = setup(t, 'redirect');
  await other.ok(['pull', `${P}/r/app:1`]);
  assert.ok(seen.length >= 2, 'config and layer came from the storage host');
  assert.ok(seen.every((h) => h.authorization === undefined), 'no Authorization header reached the other host');
  assert.ok(proxy.requests.filter(blobGet()).every((r) => r.headers.authorization?.startsWith('Basic ')), 'the registry itself got the credentials');
});
