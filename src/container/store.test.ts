import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContainerStore, execRootOf } from './store.js';
import type { ContainerRecord } from './record.js';

const ID = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);

function store(t: { after: (fn: () => void) => void }): ContainerStore {
  const root = mkdtempSync(join(tmpdir(), 'berth-cstore-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const cs = new ContainerStore(root);
  cs.init();
  return cs;
}

const record = (id: string, autoRemove: boolean) => ({ id, name: `n-${id.slice(0, 4)}`, host: { autoRemove } }) as unknown as ContainerRecord;

test('records are written whole, --rm ones as well (those without a sync), and read back', async (t) => {
  const cs = store(t);
  for (const [id, rm] of [[ID, true], [OTHER, false]] as const) {
    mkdirSync(cs.home(id));
    const w = cs.writeRecordOverlapped(record(id, rm));
    await w.placed;
    await w.durable;
    assert.equal(JSON.parse(readFileSync(cs.recordPath(id), 'utf8')).id, id);
    await cs.writeRecord({ ...record(id, rm), name: 'renamed' });
    assert.equal((await cs.getRecord(id))?.name, 'renamed');
  }
});

test('a record a crash left damaged reads as no container, and listing skips it', async (t) => {
  const cs = store(t);
  for (const id of [ID, OTHER]) mkdirSync(cs.home(id));
  writeFileSync(cs.recordPath(ID), '');
  await cs.writeRecord(record(OTHER, false));
  assert.equal(await cs.getRecord(ID), null);
  writeFileSync(cs.recordPath(ID), '{"id":"aaa","host":{');
  assert.equal(await cs.getRecord(ID), null);
  assert.deepEqual((await cs.list()).map((c) => c.id), [OTHER]);
  // other failures still surface
  rmSync(cs.recordPath(ID));
  mkdirSync(cs.recordPath(ID));
  await assert.rejects(cs.getRecord(ID), (e: NodeJS.ErrnoException) => e.code === 'EISDIR');
});

test('the exec root: one per store on /run, named by the store directory whatever the path; under the store without /run', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'berth-execroot-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const st = statSync(root);
  const expected = join('/run', 'berth', `${st.dev.toString(16)}-${st.ino.toString(16)}`);
  assert.equal(execRootOf(root), expected);
  assert.equal(execRootOf(`${root}/.`), expected, 'another spelling of the same directory');
  assert.equal(execRootOf(root, join(root, 'no-such-run')), join(root, 'runtime'));
  const cs = new ContainerStore(root, join(root, 'exec'));
  assert.equal(cs.runtimeRoot, join(root, 'exec', 'runtime'));
  assert.equal(cs.pidFile(ID), join(root, 'exec', 'containers', ID, 'init.pid'));
});

test('runtimeRootOf: where an older berth left a container\'s runtime state (under the store), else the exec root', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'berth-execroot-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const cs = new ContainerStore(root, join(root, 'exec'));
  assert.equal(cs.runtimeRootOf(ID), cs.runtimeRoot);
  mkdirSync(join(root, 'runtime', 'runc', ID), { recursive: true });
  assert.equal(cs.runtimeRootOf(ID), join(root, 'runtime'));
  assert.equal(cs.runtimeRootOf(OTHER), cs.runtimeRoot);
});

test('removeFiles takes the container\'s exec-root directory (its pid file) too', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'berth-execroot-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const cs = new ContainerStore(root, join(root, 'exec'));
  cs.init();
  mkdirSync(cs.home(ID));
  mkdirSync(join(root, 'exec', 'containers', ID), { recursive: true });
  writeFileSync(cs.pidFile(ID), '42');
  await cs.removeFiles(ID);
  assert.throws(() => statSync(join(root, 'exec', 'containers', ID)), /ENOENT/);
});
