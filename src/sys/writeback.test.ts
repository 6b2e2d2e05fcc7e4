import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WritebackPacer, writebackInFlight } from './writeback.js';

test('WritebackPacer: a background syncfs once enough bytes were written, one at a time', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-wb-'));
  try {
    const p = new WritebackPacer(dir, 1000);
    p.add(999);
    assert.equal(writebackInFlight(), null, 'below the threshold nothing starts');
    p.add(1);
    const first = writebackInFlight();
    assert.ok(first, 'the threshold starts one');
    p.add(5000);
    assert.equal(writebackInFlight(), first, 'none starts while one runs');
    await first;
    assert.equal(writebackInFlight(), null);
    p.add(1000);
    assert.ok(writebackInFlight(), 'the bytes counted while it ran start the next one');
    await writebackInFlight();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
