// Loading an image whose layers the store already holds: the archive is read and each such layer hashed, but not
// unpacked again (no "Loading layer" progress for it, as in Docker), for berth's own classic archives (v1 layer
// names) and OCI-layout archives (blob names); bytes that don't match what the name promises are refused.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestStore, busyboxRootfsTar, importBusybox } from '../lib/berth.js';
import { assertCheckOK, assertOneLineError } from '../lib/store-state.js';
import { dockerArchive, smallLayer, memberOffset } from '../fixtures/archives.js';
import { openStore, loadArchive, type LoadEvent } from '../../src/index.js';

async function layersUnpacked(root: string, archive: string): Promise<number> {
  const store = await openStore({ root });
  const events: LoadEvent[] = [];
  await loadArchive(store, createReadStream(archive), { onProgress: (e) => events.push(e) });
  return events.filter((e) => e.type === 'layer-start').length;
}

test("reloading berth's own save unpacks nothing; after rmi it unpacks again", async (t) => {
  const s = new TestStore();
  t.after(() => s.cleanup());
  busyboxRootfsTar();
  const id = await importBusybox(s, 'reload/bb:1');
  const archive = join(s.root, 'bb.tar');
  await s.ok(['save', '-o', archive, 'reload/bb:1']);
  assert.equal(await layersUnpacked(s.root, archive), 0);
  assert.equal((await s.ok(['images', '-q', '--no-trunc', 'reload/bb:1'])).trim(), id);
  await s.ok(['rmi', 'reload/bb:1']);
  assert.equal(await layersUnpacked(s.root, archive), 1);
  assert.equal((await s.ok(['images', '-q', '--no-trunc', 'reload/bb:1'])).trim(), id);
  await assertCheckOK(s, true);
});

test('an OCI-layout archive whose blobs are stored loads without unpacking, onto a new chain it unpacks', async (t) => {
  const s = new TestStore();
  t.after(() => s.cleanup());
  const base = { tar: smallLayer('base') };
  const top = { tar: smallLayer('top') };
  const first = join(s.root, 'first.tar');
  writeFileSync(first, dockerArchive([{ layers: [base, top], repoTags: ['reload/two:1'] }], { layout: 'oci-docker' }));
  assert.equal(await layersUnpacked(s.root, first), 2);
  assert.equal(await layersUnpacked(s.root, first), 0);
  // `top` alone sits on another chain: its blob is known but its chain isn't, so it is unpacked from the store.
  const second = join(s.root, 'second.tar');
  writeFileSync(second, dockerArchive([{ layers: [top], repoTags: ['reload/top:1'] }], { layout: 'oci-docker' }));
  assert.equal(await layersUnpacked(s.root, second), 0);
  assert.equal((await s.ok(['images', '--format', '{{.Repository}}:{{.Tag}}'])).split('\n').filter(Boolean).sort().join(' '), 'reload/top:1 reload/two:1');
  await assertCheckOK(s, true);
});

test('a stored layer named in an archive but with other bytes is refused, and nothing changes', async (t) => {
  const s = new TestStore();
  t.after(() => s.cleanup());
  await importBusybox(s, 'reload/bb:1');
  const archive = join(s.root, 'bb.tar');
  await s.ok(['save', '-o', archive, 'reload/bb:1']);
  const bytes = readFileSync(archive);
  const layerName = bytes.toString('latin1').match(/([a-f0-9]{64})\/layer\.tar/)![0];
  const off = memberOffset(bytes, layerName);
  bytes[off + 512 + 100] ^= 0xff; // inside the first file's body
  writeFileSync(archive, bytes);
  const before = await s.ok(['images', '-qa', '--no-trunc']);
  assertOneLineError(await s.run(['load', '-i', archive]), /content does not match its name/);
  assert.equal(await s.ok(['images', '-qa', '--no-trunc']), before);
  await assertCheckOK(s, true);
});

test("a classic archive whose lower layer is stored (as another image's top layer) unpacks only its own layers", async (t) => {
  const s = new TestStore();
  t.after(() => s.cleanup());
  busyboxRootfsTar();
  // the base image has busybox's layer on top; the child has the same layer below one more (made by a COPY)
  await importBusybox(s, 'share/base:1');
  const other = new TestStore();
  t.after(() => other.cleanup());
  await importBusybox(other, 'share/base:1');
  const ctx = join(other.root, 'ctx');
  mkdirSync(ctx);
  writeFileSync(join(ctx, 'Dockerfile'), 'FROM share/base:1\nCOPY Dockerfile /child\n');
  await other.ok(['build', '-q', '-t', 'share/child:1', ctx]);
  const child = join(other.root, 'child.tar');
  await other.ok(['save', '-o', child, 'share/child:1']);
  assert.equal(await layersUnpacked(s.root, child), 1, 'only the layer the store lacks is unpacked');
  const want = (await other.ok(['images', '-q', '--no-trunc', 'share/child:1'])).trim();
  assert.equal((await s.ok(['images', '-q', '--no-trunc', 'share/child:1'])).trim(), want);
  await assertCheckOK(s, true);
});
