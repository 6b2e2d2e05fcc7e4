// `system check` finds what is wrong in a damaged store and says it plainly, exiting 1: a corrupted blob (with
// --verify), a missing layer directory or record, a missing config blob, a tag naming a missing image.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, rmSync, writeFileSync, unlinkSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestStore } from '../lib/berth.js';
import { assertCheckOK } from '../lib/store-state.js';
import { dockerArchive, hexOf, imageConfig, sha256, smallLayer, tar, type ImageSpec } from '../fixtures/archives.js';

const base = { tar: tar([{ name: 'etc/', type: 'directory' }, { name: 'etc/data', body: 'data\n'.repeat(1000) }]) };
const spec: ImageSpec = { layers: [base, { tar: smallLayer('top') }], repoTags: ['chk/app:1'] };
const id = sha256(imageConfig(spec));
const diffIDs = spec.layers.map((l) => sha256(l.tar));
const chain = [diffIDs[0], sha256(`${diffIDs[0]} ${diffIDs[1]}`)];

/** A store with the fixture image loaded. */
async function loaded(t: import('node:test').TestContext): Promise<TestStore> {
  const store = new TestStore();
  t.after(() => store.cleanup());
  const dir = mkdtempSync(join(tmpdir(), 'berth-check-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'a.tar'), dockerArchive([spec]));
  await store.ok(['load', '-i', join(dir, 'a.tar')]);
  await assertCheckOK(store, true);
  return store;
}

/** Runs `system check [--verify]`; expects exit 1 and returns stderr's lines. */
async function problems(store: TestStore, verify = false): Promise<string[]> {
  const r = await store.run(['system', 'check', ...(verify ? ['--verify'] : [])]);
  assert.equal(r.code, 1, `system check passed a damaged store:\n${r.stdout}`);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
  const lines = r.stderr.split('\n').filter(Boolean);
  assert.match(lines[lines.length - 1], new RegExp(`^store ${store.root}: ${lines.length - 1} problems? \\(\\d+ images, \\d+ layers, \\d+ blobs\\)$`));
  return lines.slice(0, -1);
}

test('a corrupted layer blob: --verify names the blob and the layer', async (t) => {
  const store = await loaded(t);
  const blob = join(store.root, 'blobs/sha256', hexOf(diffIDs[1]));
  chmodSync(blob, 0o644);
  const bytes = readFileSync(blob);
  bytes[600] ^= 0xff; // inside the file's content, same size
  writeFileSync(blob, bytes);
  // Sizes still agree: only rehashing can tell.
  await assertCheckOK(store);
  const lines = await problems(store, true);
  assert.deepEqual(lines.sort(), [
    `blob ${diffIDs[1]}: content hashes to ${sha256(bytes)}`,
    `layer ${chain[1]}: blob ${diffIDs[1]} holds diffID ${sha256(bytes)}, expected ${diffIDs[1]}`,
  ].sort());
});

test('a truncated blob is caught without --verify', async (t) => {
  const store = await loaded(t);
  const blob = join(store.root, 'blobs/sha256', hexOf(diffIDs[0]));
  chmodSync(blob, 0o644);
  writeFileSync(blob, readFileSync(blob).subarray(0, 1000));
  const lines = await problems(store);
  assert.deepEqual(lines, [`layer ${chain[0]}: blob ${diffIDs[0]} has 1000 bytes, expected ${base.tar.length}`]);
});

test('a missing layer directory, a missing layer record, a missing config blob', async (t) => {
  const store = await loaded(t);
  rmSync(join(store.root, 'overlay', hexOf(chain[1])), { recursive: true, force: true });
  assert.deepEqual(await problems(store), [`layer ${chain[1]}: directory ${join(store.root, 'overlay', hexOf(chain[1]), 'diff')} is missing`]);

  const store2 = await loaded(t);
  unlinkSync(join(store2.root, 'layers', `${hexOf(chain[1])}.json`));
  const lines = await problems(store2);
  assert.ok(lines.includes(`image ${id}: layer ${chain[1]} is missing`), lines.join('\n'));
  assert.ok(lines.includes(`blob ${diffIDs[1]}: nothing refers to it (leaked)`), lines.join('\n'));
  assert.ok(lines.includes(`layer directory ${join(store2.root, 'overlay', hexOf(chain[1]))} has no record`), lines.join('\n'));

  const store3 = await loaded(t);
  unlinkSync(join(store3.root, 'blobs/sha256', hexOf(id)));
  const r = await store3.run(['system', 'check']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, new RegExp(`^image ${id}: config blob is missing$`, 'm'));
});

test('a tag naming an image that is not there', async (t) => {
  const store = await loaded(t);
  const path = join(store.root, 'repositories.json');
  const index = JSON.parse(readFileSync(path, 'utf8'));
  const ghost = `sha256:${'0'.repeat(64)}`;
  index.refs['docker.io/library/ghost:latest'] = ghost;
  writeFileSync(path, JSON.stringify(index));
  const r = await store.run(['system', 'check']);
  assert.equal(r.code, 1);
  assert.deepEqual(r.stderr.split('\n').filter(Boolean), [
    `tag ghost:latest names image ${ghost}, which does not exist`,
    `store ${store.root}: 1 problem (1 images, 2 layers, 3 blobs)`,
  ]);
  assert.equal(r.stdout, '');
});

test('an intact store says OK on stdout', async (t) => {
  const store = await loaded(t);
  assert.equal(await store.ok(['system', 'check', '--verify']), `store ${store.root}: OK (1 images, 2 layers, 3 blobs, all content rehashed)\n`);
  assert.deepEqual(readdirSync(join(store.root, 'layers')).sort(), chain.map((c) => `${hexOf(c)}.json`).sort());
});
