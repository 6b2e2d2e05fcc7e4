import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLog, type LogEntry } from './log-file.js';

test('readLog keeps a multi-byte character that straddles two reads whole', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-log-'));
  try {
    const path = join(dir, 'c-json.log');
    const lead = JSON.stringify({ log: 'x', stream: 'stdout', time: '2026-01-01T00:00:00Z' }) + '\n';
    // pad so that "é" (2 bytes in UTF-8) begins on the last byte of the first 64 KiB read
    const prefix = '{"log":"';
    const pad = 64 * 1024 - Buffer.byteLength(lead) - Buffer.byteLength(prefix) - 1;
    const text = `${'a'.repeat(pad)}é and more`;
    writeFileSync(path, lead + JSON.stringify({ log: text, stream: 'stdout', time: '2026-01-01T00:00:01Z' }) + '\n');
    const seen: LogEntry[] = [];
    for await (const e of readLog(path)) seen.push(e);
    assert.equal(seen.length, 2);
    assert.equal(seen[1].log, text);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
