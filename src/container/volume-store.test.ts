import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../store/store.js';
import { createVolume, getVolume, listVolumes, pruneVolumes, removeOwnVolumes, removeVolumes, volumeUsers, volumeView } from './volume-store.js';
import { volumeData } from './volumes.js';

async function tempStore(t: { after(fn: () => void): void }) {
  const root = mkdtempSync(join(tmpdir(), 'berth-volumes-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  return openStore({ root });
}

/** A container record that mounts `mounted` and names `named` in -v and --mount (not made yet). */
function writeContainer(store: Awaited<ReturnType<typeof openStore>>, id: string, mounted: string[], binds: string[] = [], mountFlags: string[] = []) {
  mkdirSync(store.containers.home(id), { recursive: true });
  const rec = {
    id,
    name: `c${id[0]}`,
    host: { binds, mounts: mountFlags.map((Source) => ({ Type: 'volume', Source, Target: '/m' })) },
    mounts: mounted.map((name) => ({ type: 'volume', name, source: volumeData(store.root, name), destination: '/d', rw: true, spec: 'bind-flag' })),
    state: { status: 'exited' },
  };
  writeFileSync(store.containers.recordPath(id), JSON.stringify(rec));
}

test('createVolume: a random 64-hex name or the one given, labels kept; an existing name is given back unchanged', async (t) => {
  const store = await tempStore(t);
  const anon = await createVolume(store);
  assert.match(anon, /^[0-9a-f]{64}$/);
  assert.equal(await createVolume(store, { name: 'data', labels: { a: 'b' } }), 'data');
  assert.equal(await createVolume(store, { name: 'data', labels: { a: 'c' } }), 'data');
  assert.deepEqual(getVolume(store.root, 'data')?.labels, { a: 'b' });
  assert.deepEqual(listVolumes(store.root).map((v) => v.name), [anon, 'data'].sort());
  const view = volumeView(getVolume(store.root, 'data')!);
  assert.deepEqual(Object.keys(view), ['CreatedAt', 'Driver', 'Labels', 'Mountpoint', 'Name', 'Options', 'Scope']);
  assert.equal(view.Mountpoint, volumeData(store.root, 'data'));
  assert.deepEqual(view.Options, {});
  assert.match(view.CreatedAt as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/);
  // a volume a container made (no metadata): Docker's nil maps
  mkdirSync(volumeData(store.root, 'made'), { recursive: true });
  assert.equal(volumeView(getVolume(store.root, 'made')!).Labels, null);
  assert.equal(volumeView(getVolume(store.root, 'made')!).Options, null);
  // a directory without _data is no volume
  mkdirSync(join(store.root, 'volumes', 'half'));
  assert.equal(getVolume(store.root, 'half'), null);
});

test('createVolume: Docker\'s errors for a bad name, another driver and driver options', async (t) => {
  const store = await tempStore(t);
  await assert.rejects(createVolume(store, { name: 'bad name' }), /^BerthError: create bad name: "bad name" includes invalid characters for a local volume name/);
  await assert.rejects(createVolume(store, { name: 'y' }), /create y: volume name is too short, names should be at least two alphanumeric characters$/);
  await assert.rejects(createVolume(store, { name: 'x', driver: 'foo' }), /create x: error looking up volume plugin foo: plugin "foo" not found$/);
  await assert.rejects(createVolume(store, { name: 'yy', options: { bogus: '1' } }), /create yy: invalid option: "bogus"$/);
  await assert.rejects(createVolume(store, { name: 'tv', options: { type: 'tmpfs' } }), /not supported by berth/);
  assert.deepEqual(listVolumes(store.root), []);
});

test('volumes in use: mounted by a container in any state, or named in -v/--mount by one not made yet', async (t) => {
  const store = await tempStore(t);
  for (const n of ['used', 'bound', 'flagged', 'free']) await createVolume(store, { name: n });
  writeContainer(store, 'a'.repeat(64), ['used']);
  writeContainer(store, 'b'.repeat(64), [], ['bound:/x:ro', '/host:/y'], ['flagged']);
  const users = await volumeUsers(store);
  assert.deepEqual(users.get('used'), ['a'.repeat(64)]);
  assert.deepEqual(users.get('bound'), ['b'.repeat(64)]);
  assert.deepEqual(users.get('flagged'), ['b'.repeat(64)]);
  assert.equal(users.get('free'), undefined);

  const results = await removeVolumes(store, ['used', 'free', 'none']);
  assert.match(String(results[0]), new RegExp(`remove used: volume is in use - \\[${'a'.repeat(64)}\\]$`));
  assert.equal(results[1], null);
  assert.match(String(results[2]), /No such volume: none$/);
  assert.deepEqual(await removeVolumes(store, ['none'], true), [null]);
  assert.equal(getVolume(store.root, 'free'), null);
  assert.ok(getVolume(store.root, 'used'));
  // what went left nothing in the store's staging area
  assert.deepEqual(readdirSync(join(store.root, 'staging')), []);
});

test('pruneVolumes removes every unused volume (those the filter keeps) and counts their bytes', async (t) => {
  const store = await tempStore(t);
  await createVolume(store, { name: 'used' });
  await createVolume(store, { name: 'keep', labels: { keep: '1' } });
  await createVolume(store, { name: 'full' });
  writeFileSync(join(volumeData(store.root, 'full'), 'f'), 'hello\n');
  writeContainer(store, 'c'.repeat(64), ['used']);
  const some = await pruneVolumes(store, (v) => !v.labels?.keep);
  assert.deepEqual(some, { deleted: ['full'], reclaimed: 6 });
  const rest = await pruneVolumes(store);
  assert.deepEqual(rest, { deleted: ['keep'], reclaimed: 0 });
  assert.deepEqual(listVolumes(store.root).map((v) => v.name), ['used']);
  assert.ok(!existsSync(join(store.root, 'volumes', 'full')));
});

test("removeOwnVolumes: a removed container's volumes go unless another container uses them; a half-made one goes too", async (t) => {
  const store = await tempStore(t);
  const [own, shared, half] = ['1'.repeat(64), '2'.repeat(64), '3'.repeat(64)];
  for (const n of [own, shared]) mkdirSync(volumeData(store.root, n), { recursive: true });
  mkdirSync(join(store.root, 'volumes', half));
  const owner = 'a'.repeat(64);
  writeContainer(store, owner, [own, shared, half]);
  writeContainer(store, 'b'.repeat(64), [shared]);
  await removeOwnVolumes(store, [own, shared, half], owner);
  assert.deepEqual(readdirSync(join(store.root, 'volumes')), [shared]);
  assert.deepEqual(readdirSync(join(store.root, 'staging')), []);
});
