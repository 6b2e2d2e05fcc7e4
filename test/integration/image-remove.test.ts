// rmi, tag and image prune: removing images frees exactly the layers and blobs nothing else uses (shared layers
// survive), and the messages, prompts and conflicts read as Docker 20.10's (checked against /usr/bin/docker).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestStore, importBusybox } from '../lib/berth.js';
import { assertCheckOK, assertOneLineError, assertStoreEmpty } from '../lib/store-state.js';
import { dockerArchive, hexOf, imageConfig, sha256, smallLayer, tar, type ImageSpec } from '../fixtures/archives.js';

let dir: string;
let shared: string;
const base = { tar: tar([{ name: 'base/', type: 'directory' }, { name: 'base/data', body: 'x'.repeat(3000) }]) };
const one: ImageSpec = { layers: [base], repoTags: ['rm/one:1'] };
const two: ImageSpec = { layers: [base, { tar: smallLayer('two') }], repoTags: ['rm/two:1'] };
const idOf = (s: ImageSpec) => sha256(imageConfig(s));
const chainOf = (s: ImageSpec) => {
  const out: string[] = [];
  for (const l of s.layers) {
    const d = sha256(l.tar);
    out.push(out.length ? sha256(`${out[out.length - 1]} ${d}`) : d);
  }
  return out;
};

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-rmi-'));
  shared = join(dir, 'shared.tar');
  writeFileSync(shared, dockerArchive([one, two]));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('rmi frees what only the removed image used; a layer shared by two images survives', async (t) => {
  const store = new TestStore();
  t.after(() => store.cleanup());
  await store.ok(['load', '-i', shared]);
  const [baseChain, twoChain] = chainOf(two);
  // Docker's lines: the tag, the image, then each layer freed (top down).
  assert.equal(await store.ok(['rmi', 'rm/two:1']), `Untagged: rm/two:1\nDeleted: ${idOf(two)}\nDeleted: ${twoChain}\n`);
  assert.ok(existsSync(join(store.root, 'overlay', hexOf(baseChain), 'diff/base/data')), 'the shared layer went');
  assert.ok(!existsSync(join(store.root, 'overlay', hexOf(twoChain))), 'the removed image layer is still there');
  assert.deepEqual(readdirSync(join(store.root, 'layers')), [`${hexOf(baseChain)}.json`]);
  await assertCheckOK(store, true);
  assert.equal(await store.ok(['rmi', 'rm/one:1']), `Untagged: rm/one:1\nDeleted: ${idOf(one)}\nDeleted: ${baseChain}\n`);
  await assertStoreEmpty(store);
});

test('rmi of one tag among several only untags; by ID it needs -f across repositories', async (t) => {
  const store = new TestStore();
  t.after(() => store.cleanup());
  const id = await importBusybox(store, 'bb:1');
  await store.ok(['tag', 'bb:1', 'other/bb:2']);
  await store.ok(['tag', 'bb:1', 'bb:3']);
  // Tagging again with a tag that names the image already only moves its tag time on (as Docker's does).
  const tagTime = async () => (await store.ok(['image', 'inspect', '--format', '{{.Metadata.LastTagTime}}', 'bb:1'])).trim();
  const before = await tagTime();
  await new Promise((r) => setTimeout(r, 5));
  await store.ok(['tag', 'bb:1', 'bb:3']);
  assert.ok(Date.parse(await tagTime()) > Date.parse(before), `${await tagTime()} after ${before}`);
  assert.equal(await store.ok(['rmi', 'bb:3']), 'Untagged: bb:3\n');
  const short = id.slice(7, 19);
  assertOneLineError(await store.run(['rmi', short]), new RegExp(`^Error response from daemon: conflict: unable to delete ${short} \\(must be forced\\) - image is referenced in multiple repositories$`));
  // `images -q` prints one row per tag, as Docker does.
  assert.equal(await store.ok(['images', '-q']), `${short}\n${short}\n`, 'a refused rmi changed something');
  const out = await store.ok(['rmi', '-f', short]);
  assert.match(out, new RegExp(`^Untagged: bb:1\nUntagged: other/bb:2\nDeleted: ${id}\nDeleted: sha256:[0-9a-f]{64}\n$`));
  await assertStoreEmpty(store);
});

test('rmi and tag of images that are not there: Docker messages, and rmi goes on with the rest', async (t) => {
  const store = new TestStore();
  t.after(() => store.cleanup());
  assertOneLineError(await store.run(['rmi', 'nope']), /^Error: No such image: nope$/);
  assertOneLineError(await store.run(['rmi', 'abcdef']), /^Error: No such image: abcdef$/);
  assertOneLineError(await store.run(['tag', 'nope', 'x']), /^Error response from daemon: No such image: nope:latest$/);
  assertOneLineError(await store.run(['save', 'nope']), /^Error response from daemon: No such image: nope$/);
  assertOneLineError(await store.run(['save', 'nope:1']), /^Error response from daemon: reference does not exist$/);
  await importBusybox(store, 'bb:1');
  assertOneLineError(await store.run(['tag', 'bb:1', 'x@sha256:' + '0'.repeat(64)]), /refusing to create a tag with a digest reference/);
  assertOneLineError(await store.run(['tag', 'bb:1', 'X']), /invalid reference format: repository name must be lowercase/);
  const r = await store.run(['rmi', 'bb:1', 'nope']);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^Untagged: bb:1\nDeleted: sha256:[0-9a-f]{64}\nDeleted: sha256:[0-9a-f]{64}\n$/);
  assert.equal(r.stderr, 'Error: No such image: nope\n');
  await assertStoreEmpty(store);
});

test('a tag moved to another image leaves the old one dangling, and prune takes it', async (t) => {
  const store = new TestStore();
  t.after(() => store.cleanup());
  const first = await importBusybox(store, 'bb:1', ['CMD ["one"]']);
  const second = await importBusybox(store, 'bb:1', ['CMD ["two"]']);
  assert.notEqual(first, second);
  const rows = await store.ok(['images', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}']);
  assert.deepEqual(rows.split('\n').filter(Boolean).sort(), [`<none>:<none> ${first.slice(7, 19)}`, `bb:1 ${second.slice(7, 19)}`].sort());
  // Declined (answered on stdin): nothing removed. Docker prints the next line right after the prompt.
  assert.equal(
    await store.ok(['image', 'prune'], { input: 'n\n' }),
    'WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] Total reclaimed space: 0B\n',
  );
  // Accepted: the dangling image goes, but not the layer it shares with bb:1.
  assert.equal(
    await store.ok(['image', 'prune'], { input: 'y\n' }),
    'WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] Deleted Images:\n' +
      `deleted: ${first}\n\nTotal reclaimed space: 0B\n`,
  );
  assert.equal((await store.ok(['images', '-qa', '--no-trunc'])).trim(), second);
  await assertCheckOK(store, true);
});

test('image prune -a -f removes every image, frees every layer and blob, and reports the space', async (t) => {
  const store = new TestStore();
  t.after(() => store.cleanup());
  await store.ok(['load', '-i', shared]);
  await importBusybox(store, 'keep:1');
  // With -a but no -f and end of input: declined.
  assert.match(await store.ok(['image', 'prune', '-a']), /without at least one container associated to them\.\nAre you sure you want to continue\? \[y\/N\] Total reclaimed space: 0B\n$/);
  const out = await store.ok(['image', 'prune', '-a', '-f']);
  assert.match(out, /^Deleted Images:\n/);
  for (const line of ['untagged: rm/one:1', 'untagged: rm/two:1', 'untagged: keep:1', `deleted: ${idOf(one)}`, `deleted: ${idOf(two)}`])
    assert.ok(out.split('\n').includes(line), `missing "${line}" in:\n${out}`);
  for (const c of chainOf(two)) assert.ok(out.split('\n').includes(`deleted: ${c}`), `layer ${c} not reported`);
  // busybox's unpacked size dominates: Docker prints HumanSize with 4 significant digits.
  assert.match(out, /\n\nTotal reclaimed space: \d\.\d{1,3}MB\n$/);
  await assertStoreEmpty(store);
});

test('image prune filters: until keeps what is newer, label and label! pick by the image\'s labels, dangling=false is -a', async (t) => {
  const store = new TestStore();
  t.after(() => store.cleanup());
  const dir = mkdtempSync(join(tmpdir(), 'berth-prune-filters-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const old: ImageSpec = { layers: [base], repoTags: ['f/old:1'], created: '2020-01-01T00:00:00Z', config: { config: { Labels: { team: 'a' } } } };
  const recent: ImageSpec = { layers: [base, { tar: smallLayer('recent') }], repoTags: ['f/new:1'], created: new Date().toISOString() };
  const archive = join(dir, 'f.tar');
  writeFileSync(archive, dockerArchive([old, recent]));
  await store.ok(['load', '-i', archive]);
  const tags = async () => (await store.ok(['images', '--format', '{{.Repository}}:{{.Tag}}'])).trim().split('\n').sort();
  // older than a day: only the 2020 image
  assert.equal(await store.ok(['image', 'prune', '-a', '-f', '--filter', 'until=24h', '--filter', 'label!=team']), 'Total reclaimed space: 0B\n');
  assert.match(await store.ok(['image', 'prune', '-f', '--filter', 'dangling=false', '--filter', 'until=24h']), /^Deleted Images:\nuntagged: f\/old:1\ndeleted: sha256:/);
  assert.deepEqual(await tags(), ['f/new:1']);
  assert.equal(await store.ok(['image', 'prune', '-a', '-f', '--filter', 'label=team']), 'Total reclaimed space: 0B\n');
  assert.match(await store.ok(['image', 'prune', '-a', '-f', '--filter', 'until=2030-01-01']), /untagged: f\/new:1/);
  assertOneLineError(await store.run(['image', 'prune', '-f', '--filter', 'until=soon']), /^Error response from daemon: failed to parse value as time or duration: "soon"$/);
});

test('prune refuses filters it does not know, like Docker', async (t) => {
  const store = new TestStore();
  t.after(() => store.cleanup());
  assertOneLineError(await store.run(['image', 'prune', '-f', '--filter', 'bogus=1']), /^Error response from daemon: Invalid filter 'bogus'$/);
});
