// search against a registry that only has `/v2/_catalog` (the Distribution registry answers /v1/search with 404),
// in Docker 20.10's table and templates, with its flag and filter errors; and chunked blob uploads (PATCH with
// Content-Range) through the library, which the Distribution registry accepts as Docker's streamed ones.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TestStore, importBusybox, need } from '../lib/berth.js';
import { TestRegistry, hasRegistry } from '../lib/registry.js';
import { RegistryProxy } from '../lib/registry-proxy.js';
import { openStore } from '../../src/store/store.js';
import { RegistrySession } from '../../src/transport/registry/session.js';
import { registryConfigFrom } from '../../src/transport/registry/config.js';
import { parseNormalizedNamed } from '../../src/reference/normalize.js';
import { pushImage } from '../../src/copy/push.js';

const WHY = 'docker-registry is not installed (scripts/setup.sh installs it)';
let reg: TestRegistry;

before(async () => {
  if (!hasRegistry()) return;
  reg = await TestRegistry.start();
  const s = new TestStore();
  try {
    await importBusybox(s, `${reg.host}/search/alpha:1`);
    for (const r of ['search/beta:1', 'other/gamma:1']) await s.ok(['tag', `${reg.host}/search/alpha:1`, `${reg.host}/${r}`]);
    for (const r of ['search/alpha:1', 'search/beta:1', 'other/gamma:1']) await s.ok(['push', '-q', `${reg.host}/${r}`]);
  } finally {
    s.cleanup();
  }
});
after(() => reg?.stop());

test('search falls back to the catalog and prints Docker 20.10 columns', async (t) => {
  if (!need(t, hasRegistry(), WHY)) return;
  const s = new TestStore();
  t.after(() => s.cleanup());
  const H = reg.host;
  const pad = (name: string) => name.padEnd(Math.max(H.length + 13, 4) + 3);
  assert.equal(
    await s.ok(['search', `${H}/search`]),
    `${pad('NAME')}DESCRIPTION   STARS     OFFICIAL   AUTOMATED\n${pad(`${H}/search/alpha`)}              0                    \n${pad(`${H}/search/beta`)}              0                    \n`,
  );
  assert.equal(await s.ok(['search', '--limit', '1', '--format', '{{.Name}}', `${H}/a`]), `${H}/other/gamma\n`);
  assert.equal(await s.ok(['search', '--format', '{{json .}}', `${H}/gam`]), `{"Description":"","IsAutomated":"false","IsOfficial":"false","Name":"${H}/other/gamma","StarCount":"0"}\n`);
  assert.equal(await s.ok(['search', '-f', 'stars=1', '--format', '{{.Name}}', `${H}/search`]), '');
  assert.equal(await s.ok(['search', '-f', 'is-official=false', '--format', '{{.Name}}', `${H}/beta`]), `${H}/search/beta\n`);
});

test('a registry with a search API (as Docker Hub has): its results, descriptions cut at 45, filters applied', async (t) => {
  if (!need(t, hasRegistry(), WHY)) return;
  const proxy = await RegistryProxy.start(reg.url);
  t.after(() => proxy.stop());
  const results = [
    { name: 'busybox', description: 'Busybox base image.', star_count: 2900, is_official: true, is_automated: false },
    { name: 'someone/busybox-tools', description: 'A very long description that goes on\nand on past forty-five columns', star_count: 3, is_official: false, is_automated: true },
  ];
  proxy.rules.push({
    match: (r) => r.path.startsWith('/v1/search?'),
    action: () => ({ status: 200, body: JSON.stringify({ num_results: 2, query: 'busybox', results }) }),
  });
  const s = new TestStore();
  t.after(() => s.cleanup());
  assert.equal(
    await s.ok(['search', `${proxy.host}/busybox`]),
    'NAME                    DESCRIPTION                                     STARS     OFFICIAL   AUTOMATED\n' +
      'busybox                 Busybox base image.                             2900      [OK]       \n' +
      'someone/busybox-tools   A very long description that goes on and on …   3                    [OK]\n',
  );
  const q = proxy.requests.find((r) => r.path.startsWith('/v1/search?'))!;
  assert.equal(new URL(q.path, 'http://x').searchParams.get('q'), 'busybox');
  assert.equal(new URL(q.path, 'http://x').searchParams.get('n'), '25');
  assert.equal(await s.ok(['search', '--no-trunc', '--format', '{{.Description}}', '-f', 'is-automated=true', `${proxy.host}/busybox`]), 'A very long description that goes on and on past forty-five columns\n');
  assert.equal(await s.ok(['search', '-f', 'stars=100', '-f', 'is-official=true', '--format', '{{.Name}} {{.StarCount}}', `${proxy.host}/busybox`]), 'busybox 2900\n');
});

test("search's errors", async (t) => {
  if (!need(t, hasRegistry(), WHY)) return;
  const s = new TestStore();
  t.after(() => s.cleanup());
  const H = reg.host;
  const cases: [string[], number, string][] = [
    [['search', '--limit', '0', `${H}/x`], 1, 'Error response from daemon: Limit 0 is outside the range of [1, 100]\n'],
    [['search', '-f', 'foo=1', `${H}/x`], 1, "Error response from daemon: Invalid filter 'foo'\n"],
    [['search', '-f', 'stars=x', `${H}/x`], 1, "Error response from daemon: Invalid filter 'stars=x'\n"],
    [['search', '-f', 'is-official=maybe', `${H}/x`], 1, "Error response from daemon: Invalid filter 'is-official=[maybe]'\n"],
    [['search', '-f', 'foo', `${H}/x`], 125, `invalid argument "foo" for "-f, --filter" flag: bad format of filter (expected name=value)\nSee 'berth search --help'.\n`],
  ];
  for (const [args, code, stderr] of cases) {
    const r = await s.run(args);
    assert.deepEqual([r.code, r.stderr], [code, stderr], args.join(' '));
  }
});

test('chunked uploads: PATCH requests with Content-Range, then PUT with the digest', async (t) => {
  if (!need(t, hasRegistry(), WHY)) return;
  const s = new TestStore();
  t.after(() => s.cleanup());
  const proxy = await RegistryProxy.start(reg.url);
  t.after(() => proxy.stop());
  const ref = parseNormalizedNamed(`${proxy.host}/chunked/app:1`);
  const id = await importBusybox(s, ref.toString());
  const store = await openStore({ root: s.root });
  await using session = await RegistrySession.open({ config: registryConfigFrom({}) });
  const r = await pushImage(store, session, ref, { chunkSize: 256 * 1024 });
  const patches = proxy.requests.filter((q) => q.method === 'PATCH');
  assert.ok(patches.length >= 3, `${patches.length} PATCH requests`);
  let next = 0;
  for (const p of patches) {
    const m = /^(\d+)-(\d+)$/.exec(String(p.headers['content-range']));
    assert.ok(m, `Content-Range ${p.headers['content-range']}`);
    if (Number(m[1]) === 0) next = 0;
    assert.equal(Number(m[1]), next);
    next = Number(m[2]) + 1;
  }
  // What went up in chunks comes down whole.
  const b = new TestStore();
  t.after(() => b.cleanup());
  const out = await b.ok(['pull', ref.toString()]);
  assert.match(out, new RegExp(`Digest: ${r.topDigest}\\n`));
  assert.equal((await b.ok(['images', '-q', '--no-trunc'])).trim(), id);
});
