// Crash safety of the image store: `berth load` and `rmi` killed with SIGKILL at named points (the test-only hook
// BERTH_TEST_CRASH_AT, src/lock/crash-point.ts) and at timed offsets. After each, the next command's recovery
// leaves a store that `system check` passes, with no half image, and the same load then succeeds.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { BERTH, TestStore } from '../lib/berth.js';
import { assertCheckOK, assertStoreEmpty } from '../lib/store-state.js';
import { dockerArchive, smallLayer, tar, type TarItem } from '../fixtures/archives.js';

let dir: string;
let small: string;
let bulky: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-crash-'));
  // Two images sharing a base layer; the second archive image has two layers, one zstd-compressed (OCI layout).
  small = join(dir, 'small.tar');
  const base = { tar: smallLayer('base') };
  writeFileSync(
    small,
    dockerArchive(
      [
        { layers: [base], repoTags: ['crash/one:1'] },
        { layers: [base, { tar: smallLayer('two'), compression: 'zstd' }], repoTags: ['crash/two:1'] },
      ],
      { layout: 'oci-docker' },
    ),
  );
  // Big enough that a load takes a while: many small files and two larger random ones.
  const files: TarItem[] = [{ name: 'data/', type: 'directory' }];
  for (let i = 0; i < 3000; i++) files.push({ name: `data/f${i}`, body: `file ${i}\n`.repeat(20) });
  bulky = join(dir, 'bulky.tar');
  writeFileSync(
    bulky,
    dockerArchive([
      {
        layers: [{ tar: tar([{ name: 'blob1', body: randomBytes(12 << 20) }]) }, { tar: tar(files) }, { tar: tar([{ name: 'blob2', body: randomBytes(12 << 20) }]) }],
        repoTags: ['crash/bulky:1'],
      },
    ]),
  );
});
after(() => rmSync(dir, { recursive: true, force: true }));

const tagsOf = async (store: TestStore) =>
  (await store.ok(['images', '-a', '--format', '{{.Repository}}:{{.Tag}}'])).split('\n').filter(Boolean).sort();

/** Recovery happens in the first command after the crash; then the store must be consistent. */
async function afterCrash(store: TestStore): Promise<string[]> {
  await assertCheckOK(store);
  return tagsOf(store);
}

const POINTS: [string, string[]][] = [
  ['blob-committed', []],
  ['layer-committed', []],
  ['image-written', []],
  // The first image's commit finished up to its tags: it is complete, the second one never started.
  ['tags-written', ['crash/one:1']],
  ['commit-done', ['crash/one:1']],
];

for (const [point, survivors] of POINTS) {
  test(`load killed at ${point}: recovered, no half image, and the load then succeeds`, async (t) => {
    const store = new TestStore();
    t.after(() => store.cleanup());
    const r = await store.run(['load', '-i', small], { env: { BERTH_TEST_CRASH_AT: point } });
    assert.equal(r.code, 137, `expected a SIGKILL, got exit ${r.code}: ${r.stderr}`);
    assert.deepEqual(await afterCrash(store), survivors);
    if (survivors.length === 0) await assertStoreEmpty(store);
    else await assertCheckOK(store, true);
    assert.equal(await store.ok(['load', '-i', small]), 'Loaded image: crash/one:1\nLoaded image: crash/two:1\n');
    assert.deepEqual(await tagsOf(store), ['crash/one:1', 'crash/two:1']);
    await assertCheckOK(store, true);
  });
}

test('rmi killed after the image record went: recovery finishes the removal', async (t) => {
  const store = new TestStore();
  t.after(() => store.cleanup());
  await store.ok(['load', '-i', small]);
  const r = await store.run(['rmi', 'crash/two:1'], { env: { BERTH_TEST_CRASH_AT: 'image-removed' } });
  assert.equal(r.code, 137);
  assert.deepEqual(await afterCrash(store), ['crash/one:1']);
  // The shared base layer stays for crash/one; crash/two's own layer went.
  assert.equal((await store.ok(['image', 'inspect', '-f', '{{len .RootFS.Layers}}', 'crash/one:1'])).trim(), '1');
  await assertCheckOK(store, true);
  await store.ok(['rmi', 'crash/one:1']);
  await assertStoreEmpty(store);
});

/** Starts `berth load`, kills it with SIGKILL after `ms` (if still running); resolves with its exit code. */
function loadKilledAfter(store: TestStore, file: string, ms: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(BERTH, ['--root', store.root, 'load', '-q', '-i', file], { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? (signal ? 137 : 1));
    });
  });
}

test('load killed at timed offsets: each time consistent, never half an image; a repeat load succeeds', async (t) => {
  const store = new TestStore();
  t.after(() => store.cleanup());
  let killed = 0;
  for (const ms of [40, 150, 300, 500, 800, 1200]) {
    const code = await loadKilledAfter(store, bulky, ms);
    const tags = await afterCrash(store);
    if (code === 137) {
      killed++;
      assert.ok(tags.length === 0 || (tags.length === 1 && tags[0] === 'crash/bulky:1'), `after a kill at ${ms} ms: ${tags}`);
    } else {
      assert.equal(code, 0);
      assert.deepEqual(tags, ['crash/bulky:1']);
    }
    if (tags.length === 0) await assertStoreEmpty(store);
    else {
      await store.ok(['rmi', 'crash/bulky:1']);
      await assertStoreEmpty(store);
    }
  }
  console.log(`# ${killed} of 6 loads were killed before they finished`);
  assert.ok(killed > 0, 'no load was interrupted: the fixture loads too fast for these offsets');
  assert.equal(await store.ok(['load', '-i', bulky]), 'Loaded image: crash/bulky:1\n');
  await assertCheckOK(store, true);
});
