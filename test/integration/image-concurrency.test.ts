// Several berth processes on one store at once: loads, imports, tags and removals run concurrently and the store
// ends consistent (`system check --verify` OK) with every expected tag present and nothing lost or leaked.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestStore, busyboxRootfsTar, importBusybox } from '../lib/berth.js';
import { assertCheckOK, assertStoreEmpty } from '../lib/store-state.js';
import { dockerArchive, smallLayer, tar } from '../fixtures/archives.js';

let dir: string;
const archives: string[] = [];

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-concurrency-'));
  // Four archives whose images share a base layer (and two share a middle one), in both archive layouts.
  const base = { tar: tar([{ name: 'base/', type: 'directory' }, { name: 'base/file', body: 'base\n'.repeat(5000) }]) };
  const mid = { tar: smallLayer('mid') };
  const specs = [
    { layers: [base], repoTags: ['con/a:1'] },
    { layers: [base, mid], repoTags: ['con/b:1'] },
    { layers: [base, mid, { tar: smallLayer('c') }], repoTags: ['con/c:1', 'con/c:latest'] },
    { layers: [base, { tar: smallLayer('d'), compression: 'gzip' as const }], repoTags: ['con/d:1'] },
  ];
  specs.forEach((s, i) => {
    const p = join(dir, `img${i}.tar`);
    writeFileSync(p, dockerArchive([s], { layout: i % 2 ? 'oci-docker' : 'classic' }));
    archives.push(p);
  });
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Waits for every job (so no berth process outlives the test's cleanup), then fails with the first failure. */
async function all(jobs: Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(jobs);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

const tags = async (store: TestStore) =>
  (await store.ok(['images', '--format', '{{.Repository}}:{{.Tag}}'])).split('\n').filter(Boolean).sort();

test('loads, imports and tags at once all land', async (t) => {
  const store = new TestStore();
  t.after(() => store.cleanup());
  await importBusybox(store, 'con/bb:1');
  const jobs = [
    ...archives.map((a) => store.ok(['load', '-i', a])),
    ...archives.map((a) => store.ok(['load', '-i', a])),
    store.ok(['import', busyboxRootfsTar(), 'con/imp:1']),
    store.ok(['import', busyboxRootfsTar(), 'con/imp:2']),
    ...Array.from({ length: 6 }, (_, i) => store.ok(['tag', 'con/bb:1', `con/tagged:${i}`])),
  ];
  await all(jobs);
  const want = ['con/a:1', 'con/b:1', 'con/c:1', 'con/c:latest', 'con/d:1', 'con/bb:1', 'con/imp:1', 'con/imp:2'];
  for (let i = 0; i < 6; i++) want.push(`con/tagged:${i}`);
  assert.deepEqual(await tags(store), want.sort());
  await assertCheckOK(store, true);
  // The shared base layer is stored once.
  const layerCount = (await store.ok(['system', 'check'])).match(/(\d+) layers/)![1];
  assert.equal(layerCount, '5', 'layers (by chainID): base, base+mid, base+mid+c, base+d, busybox');
});

test('loads racing removals of the same images end consistent, and a final load is complete', async (t) => {
  const store = new TestStore();
  t.after(() => store.cleanup());
  for (let round = 0; round < 3; round++) {
    const jobs: Promise<unknown>[] = [];
    for (const a of archives) jobs.push(store.ok(['load', '-i', a]));
    // rmi may find an image not loaded yet: that is a clean "No such image" failure, not an inconsistency.
    for (const ref of ['con/a:1', 'con/b:1', 'con/c:1', 'con/c:latest', 'con/d:1']) jobs.push(store.run(['rmi', ref]));
    for (const a of archives.slice(0, 2)) jobs.push(store.ok(['load', '-i', a]));
    await all(jobs);
    await assertCheckOK(store, true);
  }
  await all(archives.map((a) => store.ok(['load', '-i', a])));
  assert.deepEqual(await tags(store), ['con/a:1', 'con/b:1', 'con/c:1', 'con/c:latest', 'con/d:1']);
  await assertCheckOK(store, true);
  // Every image can be written out again: its layers and blobs are all there.
  await store.ok(['save', '-o', join(dir, 'all.tar'), 'con/a:1', 'con/b:1', 'con/c:1', 'con/d:1']);
  await all(['con/a:1', 'con/b:1', 'con/c:1', 'con/c:latest', 'con/d:1'].map((r) => store.ok(['rmi', r])));
  await assertStoreEmpty(store);
});
