import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImageStore, type ImageRecord } from './store.js';
import type { Digest } from '../digest/digest.js';

const ID = `sha256:${'ab'.repeat(32)}` as Digest;

async function store(t: TestContext): Promise<ImageStore> {
  const d = mkdtempSync(join(tmpdir(), 'berth-images-'));
  t.after(() => rmSync(d, { recursive: true, force: true }));
  const s = new ImageStore(d);
  s.init();
  return s;
}

const record = (lastTagTime?: string): ImageRecord => ({ id: ID, layers: [], repoDigests: [], added: '2026-01-01T00:00:00Z', lastTagTime });

test('a touched tag time beside the record is the later of the two, and goes with the record', async (t) => {
  const s = await store(t);
  const rec = record('2026-01-02T00:00:00.000Z');
  await s.put(rec);
  assert.equal(await s.lastTagTime(rec), '2026-01-02T00:00:00.000Z');
  assert.equal(await s.touchTagTime(ID, '2026-01-03T04:05:06.789Z'), true);
  assert.equal(await s.lastTagTime(rec), '2026-01-03T04:05:06.789Z');
  // a record written later with a later time wins over the side file
  const newer = record('2026-02-01T00:00:00.000Z');
  await s.put(newer);
  assert.equal(await s.lastTagTime(newer), '2026-02-01T00:00:00.000Z');
  // only the record and the side file, no temporary left
  assert.deepEqual(readdirSync(s.dir).sort(), [`${'ab'.repeat(32)}.json`, `${'ab'.repeat(32)}.tagtime`]);
  await s.delete(ID);
  assert.deepEqual(readdirSync(s.dir), []);
});

test('touching the tag time of an image that is gone leaves nothing; a garbled side file is ignored', async (t) => {
  const s = await store(t);
  assert.equal(await s.touchTagTime(ID, '2026-01-03T04:05:06.789Z'), false);
  assert.deepEqual(readdirSync(s.dir), []);
  const rec = record();
  await s.put(rec);
  writeFileSync(join(s.dir, `${'ab'.repeat(32)}.tagtime`), 'not a time');
  assert.equal(await s.lastTagTime(rec), undefined);
  assert.equal(existsSync(s.recordPath(ID)), true);
});
