// Pulls through a faulty network (test/lib/registry-proxy.ts in front of a real registry): a connection dropped in
// the middle of a layer is resumed with a Range request; a registry that serves wrong bytes for a digest fails
// the pull with Docker's message and leaves nothing of the image behind; 401, 404 and 500 answers read as
// Docker's errors; a registry mirror that is down is skipped for the next one.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestStore, importBusybox, need } from '../lib/berth.js';
import { TestRegistry, freePort, hasRegistry } from '../lib/registry.js';
import { RegistryProxy, blobGet } from '../lib/registry-proxy.js';
import { assertStoreEmpty } from '../lib/store-state.js';

const WHY = 'docker-registry is not installed (scripts/setup.sh installs it)';
let reg: TestRegistry;
let dir: string;
let image: { id: string; layer: string; manifest: string };

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'berth-faults-'));
  if (!hasRegistry()) return;
  reg = await TestRegistry.start();
  const s = new TestStore();
  try {
    const id = await importBusybox(s, `${reg.host}/f/app:1`);
    await s.ok(['push', `${reg.host}/f/app:1`]);
    const m = await fetch(`${reg.url}/v2/f/app/manifests/1`, { headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json' } });
    const manifest = await m.text();
    image = { id, layer: JSON.parse(manifest).layers[0].digest, manifest };
  } finally {
    s.cleanup();
  }
});
after(async () => {
  await reg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function withProxy(t: { after: (fn: () => Promise<void>) => void }): Promise<RegistryProxy> {
  const p = await RegistryProxy.start(reg.url);
  t.after(() => p.stop());
  return p;
}

test('a connection dropped in the middle of a layer is resumed with a Range request', async (t) => {
  if (!need(t, hasRegistry(), WHY)) return;
  const proxy = await withProxy(t);
  const CUT = 300_000;
  proxy.rules.push({ match: blobGet(image.layer), action: (_r, n) => (n === 0 ? { cutAfter: CUT } : undefined) });
  const s = new TestStore();
  t.after(() => s.cleanup());
  await s.ok(['pull', `${proxy.host}/f/app:1`]);
  assert.equal((await s.ok(['images', '-q', '--no-trunc'])).trim(), image.id);
  const gets = proxy.requests.filter(blobGet(image.layer));
  assert.equal(gets.length, 2);
  assert.equal(gets[0].headers.range, undefined);
  assert.equal(gets[1].headers.range, `bytes=${CUT}-`);
  await s.ok(['system', 'check', '--verify']);
});

test('wrong bytes for a digest fail the pull and store nothing of the image', async (t) => {
  if (!need(t, hasRegistry(), WHY)) return;
  const proxy = await withProxy(t);
  proxy.rules.push({ match: blobGet(image.layer), action: () => ({ corruptAt: 1000 }) });
  const s = new TestStore();
  t.after(() => s.cleanup());
  const r = await s.run(['pull', `${proxy.host}/f/app:1`]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, `filesystem layer verification failed for digest ${image.layer}\n`);
  assert.match(r.stdout, /^1: Pulling from f\/app\n/);
  await assertStoreEmpty(s);
});

test("401, 404 and 500 answers read as Docker's errors", async (t) => {
  if (!need(t, hasRegistry(), WHY)) return;
  const proxy = await withProxy(t);
  const s = new TestStore();
  t.after(() => s.cleanup());
  const manifestPath = (r: { path: string }) => r.path.startsWith('/v2/f/app/manifests/');
  const cases: [object, string][] = [
    [{ status: 500, body: 'boom' }, 'Error response from daemon: received unexpected HTTP status: 500 Internal Server Error\n'],
    [
      { status: 401, body: JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }) },
      'Error response from daemon: unauthorized: authentication required\n',
    ],
    [
      { status: 404, body: JSON.stringify({ errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }] }) },
      `Error response from daemon: manifest for ${proxy.host}/f/app:1 not found: manifest unknown: manifest unknown\n`,
    ],
    [{ status: 404, body: '' }, 'Error response from daemon: error parsing HTTP 404 response body: unexpected end of JSON input: ""\n'],
  ];
  for (const [action, stderr] of cases) {
    proxy.rules = [{ match: manifestPath, action: () => action as { status: number } }];
    const r = await s.run(['pull', `${proxy.host}/f/app:1`]);
    assert.deepEqual([r.code, r.stdout, r.stderr], [1, '', stderr], JSON.stringify(action));
  }
  // A layer the registry lost: the pull has started, so the error is bare.
  proxy.rules = [{ match: blobGet(image.layer), action: () => ({ status: 404, body: JSON.stringify({ errors: [{ code: 'BLOB_UNKNOWN', message: 'blob unknown to registry' }] }) }) }];
  const r = await s.run(['pull', `${proxy.host}/f/app:1`]);
  assert.deepEqual([r.code, r.stderr], [1, 'blob unknown: blob unknown to registry\n']);
  await assertStoreEmpty(s);
});

test('a registry mirror that is down is skipped; Docker Hub names go to the next mirror', async (t) => {
  if (!need(t, hasRegistry(), WHY)) return;
  // The mirror serves Docker Hub's namespace: library/busybox-berth.
  const s = new TestStore();
  t.after(() => s.cleanup());
  await importBusybox(s, `${reg.host}/library/busybox-berth:1`);
  await s.ok(['push', `${reg.host}/library/busybox-berth:1`]);
  const dead = await freePort();
  const mirror = await withProxy(t);
  const config = join(dir, 'daemon.json');
  writeFileSync(config, JSON.stringify({ 'registry-mirrors': [`http://127.0.0.1:${dead}`, `http://${mirror.host}`] }));
  // Docker Hub credentials are Docker Hub's: a mirror never sees them.
  const dockerConfig = join(dir, 'docker-config');
  mkdirSync(dockerConfig, { recursive: true });
  writeFileSync(join(dockerConfig, 'config.json'), JSON.stringify({ auths: { 'https://index.docker.io/v1/': { auth: Buffer.from('hub:secret').toString('base64') } } }));
  const c = new TestStore();
  t.after(() => c.cleanup());
  const out = await c.ok(['pull', 'busybox-berth:1'], { env: { BERTH_CONFIG: config, DOCKER_CONFIG: dockerConfig } });
  assert.ok(mirror.requests.some((r) => r.path === '/v2/library/busybox-berth/manifests/1'), 'the mirror served the manifest');
  assert.ok(mirror.requests.every((r) => r.headers.authorization === undefined), 'no credentials went to the mirror');
  assert.match(out, /^1: Pulling from library\/busybox-berth\n/);
  assert.ok(out.endsWith('Status: Downloaded newer image for busybox-berth:1\ndocker.io/library/busybox-berth:1\n'), out);
  assert.equal(await c.ok(['images', '--format', '{{.Repository}}:{{.Tag}}']), 'busybox-berth:1\n');
  const digests = JSON.parse(await c.ok(['image', 'inspect', '--format', '{{json .RepoDigests}}', 'busybox-berth:1']));
  assert.match(digests[0], /^busybox-berth@sha256:[a-f0-9]{64}$/);
});

test('a daemon.json that is not valid is reported, not ignored', async (t) => {
  const config = join(dir, 'bad.json');
  writeFileSync(config, JSON.stringify({ 'registry-mirrors': ['ftp://mirror.example'] }));
  const s = new TestStore();
  t.after(() => s.cleanup());
  const r = await s.run(['pull', 'busybox:1'], { env: { BERTH_CONFIG: config } });
  assert.deepEqual([r.code, r.stderr], [1, 'Error response from daemon: invalid mirror: unsupported scheme "ftp" in "ftp://mirror.example"\n']);
});
