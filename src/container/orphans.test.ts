import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../store/store.js';
import { createSnapshotter } from '../snapshot/index.js';
import { sweepOrphans } from './orphans.js';

const id = (c: string) => c.repeat(64);

test('sweepOrphans removes directories without a readable record and writable layers without a container, and nothing else', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'berth-orphans-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const store = await openStore({ root });
  const cs = store.containers;
  t.after(() => rmSync(cs.execRoot, { recursive: true, force: true }));
  const snap = createSnapshotter(store);
  const [kept, damaged, bare, layerOnly, running, runningBefore] = [id('a'), id('b'), id('c'), id('d'), id('e'), id('f')];
  for (const c of [kept, damaged, bare, running, runningBefore]) mkdirSync(cs.home(c));
  writeFileSync(cs.recordPath(kept), JSON.stringify({ id: kept, host: {} }));
  writeFileSync(cs.recordPath(damaged), '{"id":');
  for (const c of [kept, damaged, layerOnly]) await snap.prepare(c, null, { scratch: existsSync(cs.home(c)) ? cs.home(c) : undefined, init: false });
  writeFileSync(join((await snap.upper(layerOnly)).path, 'data'), 'x'.repeat(5000));
  // a runtime still holding state for a record-less container: maybe running, left alone
  mkdirSync(join(cs.runtimeRoot, 'runc', running), { recursive: true });
  // and one an older berth started, whose runtime keeps its state under the store
  mkdirSync(join(root, 'runtime', 'runc', runningBefore), { recursive: true });

  const reclaimed = await sweepOrphans(store);
  assert.ok(reclaimed >= 5000, `reclaimed ${reclaimed} bytes`);
  assert.deepEqual((await cs.ids()).sort(), [kept, running, runningBefore]);
  assert.deepEqual((await snap.list()).sort(), [kept]);
  assert.ok(existsSync(cs.recordPath(kept)));
  // a second sweep finds nothing
  assert.equal(await sweepOrphans(store), 0);
});
