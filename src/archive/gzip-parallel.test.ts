import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync, crc32 as nodeCrc32 } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { gzipParallel, crc32, crc32Table } from './gzip-parallel.js';

async function gz(chunks: Buffer[], opts = {}): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const b of gzipParallel((async function* () { yield* chunks; })(), opts)) out.push(b);
  return Buffer.concat(out);
}

test('round-trips through gunzip across block boundaries, with back-references into the previous block', async () => {
  const text = Buffer.from('the quick brown fox jumps over the lazy dog\n'.repeat(5000));
  const data = Buffer.concat([randomBytes(70_000), text, randomBytes(3), text]);
  for (const blockSize of [32 * 1024, 40_000, 1 << 20]) {
    const chunks = [data.subarray(0, 12345), data.subarray(12345, 200_000), data.subarray(200_000)];
    const out = await gz(chunks, { blockSize, concurrency: 3 });
    assert.deepEqual(gunzipSync(out), data, `block size ${blockSize}`);
  }
});

test('the dictionary keeps repetitive input compressing across blocks', async () => {
  const text = Buffer.from('abcdefghij'.repeat(100_000));
  const out = await gz([text], { blockSize: 64 * 1024 });
  assert.ok(out.length < 20_000, `compressed to ${out.length} bytes`);
});

test('empty input is a valid empty gzip member', async () => {
  const out = await gz([]);
  assert.equal(gunzipSync(out).length, 0);
  assert.deepEqual(out.subarray(0, 3), Buffer.from([0x1f, 0x8b, 0x08]));
});

test('crc32 agrees with zlib, continued over pieces', () => {
  const data = randomBytes(10_000);
  const whole = nodeCrc32(data);
  assert.equal(crc32(data), whole);
  assert.equal(crc32(data.subarray(5000), crc32(data.subarray(0, 5000))), whole);
  assert.equal(crc32Table(data), whole);
  assert.equal(crc32Table(data.subarray(5000), crc32Table(data.subarray(0, 5000))), whole);
});
