import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeEntry, readLog, type LogEntry } from './log-file.js';

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

test('encodeEntry writes Docker\'s json-file line: the newline escaped, other escapes as encoding/json makes them', () => {
  const time = '2026-12-07T04:00:00.123Z';
  assert.equal(encodeEntry({ log: 'hello\n', stream: 'stdout', time }), `{"log":"hello\\n","stream":"stdout","time":"${time}"}\n`);
  assert.equal(encodeEntry({ log: 'a<"b"\t\n', stream: 'stderr', time }), `{"log":"a\\u003c\\"b\\"\\t\\n","stream":"stderr","time":"${time}"}\n`);
  assert.equal(encodeEntry({ log: 'no newline', stream: 'stdout', time }), `{"log":"no newline","stream":"stdout","time":"${time}"}\n`);
  assert.equal(encodeEntry({ log: '\n', stream: 'stdout', time }), `{"log":"\\n","stream":"stdout","time":"${time}"}\n`);
  for (const log of ['x\n', 'a<"b"\t\n', '\u2028\n', 'partial']) assert.equal(JSON.parse(encodeEntry({ log, stream: 'stdout', time })).log, log);
});
