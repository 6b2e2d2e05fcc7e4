import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { encodeEntry, LogWriter, readLog, readLogs, type LogEntry } from './log-file.js';

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

test('encodeEntry writes Docker\'s json-file line: the newline escaped, other escapes as Docker\'s jsonlog writes them', () => {
  const time = '2026-12-07T04:00:00.123Z';
  assert.equal(encodeEntry({ log: 'hello\n', stream: 'stdout', time }), `{"log":"hello\\n","stream":"stdout","time":"${time}"}\n`);
  assert.equal(encodeEntry({ log: 'a<"b"\t\n', stream: 'stderr', time }), `{"log":"a\\u003c\\"b\\"\\u0009\\n","stream":"stderr","time":"${time}"}\n`);
  // Docker 20.10's bytes for printf 'a\tb\001c<d>&e\\f"g\r\n' (a tab is \u0009 there, not encoding/json's \t)
  assert.equal(
    encodeEntry({ log: 'a\tb\u0001c<d>&e\\f"g\r\n', stream: 'stdout', time }),
    `{"log":"a\\u0009b\\u0001c\\u003cd\\u003e\\u0026e\\\\f\\"g\\r\\n","stream":"stdout","time":"${time}"}\n`,
  );
  // an escaped backslash before a t is not a tab
  assert.equal(encodeEntry({ log: '\\t\t', stream: 'stdout', time }), `{"log":"\\\\t\\u0009","stream":"stdout","time":"${time}"}\n`);
  assert.equal(encodeEntry({ log: 'no newline', stream: 'stdout', time }), `{"log":"no newline","stream":"stdout","time":"${time}"}\n`);
  assert.equal(encodeEntry({ log: '\n', stream: 'stdout', time }), `{"log":"\\n","stream":"stdout","time":"${time}"}\n`);
  for (const log of ['x\n', 'a<"b"\t\n', '\u2028\n', 'partial', '\\t\t\\\t']) assert.equal(JSON.parse(encodeEntry({ log, stream: 'stdout', time })).log, log);
});

test('an invalid byte in the output is \\ufffd in the log file, as in Docker\'s; a real U+FFFD is written as it is', async (t) => {
  const path = join(scratch(t), 'c-json.log');
  const w = new LogWriter(path);
  // Docker 20.10's file for printf 'x\377y\357\277\275z\n': {"log":"x\ufffdy<EF BF BD>z\n",...}
  w.write('stdout', Buffer.from([0x78, 0xff, 0x79, 0xef, 0xbf]));
  w.write('stdout', Buffer.from([0xbd, 0x7a, 0x0a]));
  w.close();
  const line = readFileSync(path);
  const head = Buffer.concat([Buffer.from('{"log":"x\\ufffdy'), Buffer.from([0xef, 0xbf, 0xbd]), Buffer.from('z\\n","stream":"stdout","time":"')]);
  assert.deepEqual(line.subarray(0, head.length), head);
  assert.deepEqual((await collect(readLog(path))).map((e) => e.log), ['x\uFFFDy\uFFFDz\n']);
});

/** A scratch directory for one test, removed after it. */
function scratch(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'berth-log-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `line-${from + i}\n`);

test('LogWriter rotates as Docker\'s json-file does: before an entry once the file reached max-size, keeping max-file files', async (t) => {
  const path = join(scratch(t), 'c-json.log');
  const w = new LogWriter(path, { maxSize: 200, maxFiles: 3, compress: false });
  for (const l of lines(0, 40)) w.write('stdout', Buffer.from(l));
  w.close();
  const entrySize = (n: number) => Buffer.byteLength(readFileSync(path, 'utf8').split('\n')[0]) + 1 + n;
  for (const f of [`${path}.1`, `${path}.2`]) {
    const size = statSync(f).size;
    // full: at or past 200 bytes, by less than one entry
    assert.ok(size >= 200 && size < 200 + entrySize(2), `${f}: ${size}`);
  }
  assert.equal(existsSync(`${path}.3`), false, 'max-file 3: the live file and two rotated ones');
  assert.ok(statSync(path).size < 200 + entrySize(2));
  // the entries kept, oldest file first, end with the last line and run without a gap
  const seen: string[] = [];
  for await (const e of readLogs(path)) seen.push(e.log);
  assert.deepEqual(seen, lines(40 - seen.length, 40));
  assert.ok(seen.length > 6 && seen.length < 40, `${seen.length} kept`);
  assert.deepEqual((await collect(readLog(`${path}.2`)))[0].log, seen[0], 'the oldest kept is PATH.2\'s first');
});

test('LogWriter with compress: rotated files gzipped as PATH.N.gz, with Docker\'s {"lastTime"} in the gzip header', async (t) => {
  const path = join(scratch(t), 'c-json.log');
  const w = new LogWriter(path, { maxSize: 200, maxFiles: 3, compress: true });
  for (const l of lines(0, 40)) w.write('stderr', Buffer.from(l));
  w.close();
  assert.deepEqual(readdirSync(dirname(path)).sort(), ['c-json.log', 'c-json.log.1.gz', 'c-json.log.2.gz']);
  const gz = readFileSync(`${path}.1.gz`);
  // Go's gzip header as Docker writes it: FEXTRA, no time, OS 255, then the extra's length and JSON
  assert.deepEqual([...gz.subarray(0, 10)], [0x1f, 0x8b, 8, 4, 0, 0, 0, 0, 0, 0xff]);
  const extra = JSON.parse(gz.subarray(12, 12 + gz.readUInt16LE(10)).toString());
  const inside = gunzipSync(gz).toString().trim().split('\n').map((l) => JSON.parse(l) as LogEntry);
  assert.deepEqual(extra, { lastTime: inside[inside.length - 1].time });
  assert.equal(inside[0].stream, 'stderr');
  const seen: string[] = [];
  for await (const e of readLogs(path)) seen.push(e.log);
  assert.deepEqual(seen, lines(40 - seen.length, 40));
});

test('LogWriter with max-file 1 starts the file again when it is full (Docker truncates it)', async (t) => {
  const path = join(scratch(t), 'c-json.log');
  const w = new LogWriter(path, { maxSize: 200, maxFiles: 1, compress: false });
  for (const l of lines(0, 40)) w.write('stdout', Buffer.from(l));
  w.close();
  assert.deepEqual(readdirSync(dirname(path)), ['c-json.log']);
  const seen = (await collect(readLogs(path))).map((e) => e.log);
  assert.deepEqual(seen, lines(40 - seen.length, 40));
  assert.ok(seen.length < 10);
});

/** Follows the log at `path` in the background: what it has read so far, and a stop that waits for its end. */
function follow(path: string) {
  let done = false;
  const seen: string[] = [];
  const ended = (async () => {
    for await (const e of readLogs(path, { follow: true, intervalMs: 10, done: () => done })) seen.push(e.log);
  })();
  /** Until the follower has read `n` entries (bounded: 10 s). */
  const reached = async (n: number) => {
    for (let i = 0; i < 1000 && seen.length < n; i++) await new Promise((r) => setTimeout(r, 10));
  };
  return { seen, reached, stop: async () => ((done = true), await ended) };
}

for (const compress of [false, true]) {
  // plain rotated files are told by their inode, gzipped ones by the time in their header
  test(`a follower reads on across rotations${compress ? ' (compressed)' : ''}: the rest of the old file, the files filled meanwhile, then the new one`, async (t) => {
    const path = join(scratch(t), 'c-json.log');
    writeFileSync(path, '');
    const w = new LogWriter(path, { maxSize: 300, maxFiles: 4, compress });
    const f = follow(path);
    // each burst fills two or three files at once, between two looks of the follower
    for (let burst = 0; burst < 6; burst++) {
      for (const l of lines(burst * 10, burst * 10 + 10)) w.write('stdout', Buffer.from(l));
      await f.reached(burst * 10 + 10);
    }
    w.close();
    await f.stop();
    assert.deepEqual(f.seen, lines(0, 60));
  });
}

test('a follower of a max-file 1 log reads on from the start when the file is cut short', async (t) => {
  const path = join(scratch(t), 'c-json.log');
  writeFileSync(path, '');
  const w = new LogWriter(path, { maxSize: 150, maxFiles: 1, compress: false });
  const f = follow(path);
  for (let i = 0; i < 12; i++) {
    w.write('stdout', Buffer.from(`line-${i}\n`));
    await f.reached(i + 1);
  }
  w.close();
  await f.stop();
  assert.deepEqual(f.seen, lines(0, 12));
});

async function collect(it: AsyncIterable<LogEntry>): Promise<LogEntry[]> {
  const out: LogEntry[] = [];
  for await (const e of it) out.push(e);
  return out;
}
