import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { gzipSync } from 'node:zlib';
import { isBerthError } from '../errors.js';
import { ChildFilter } from './child-filter.js';
import { compressStream, decompressStream, sniff } from './compression.js';

const has = (cmd: string) => spawnSync(cmd, ['--version']).status === 0;

/** Compresses with the real command-line tool. */
function cli(cmd: string, args: string[], input: Buffer): Buffer {
  const r = spawnSync(cmd, args, { input, maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd}: ${r.stderr}`);
  return r.stdout;
}

function chunked(buf: Buffer, size = 3): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) parts.push(buf.subarray(i, i + size));
  return Readable.from(parts, { objectMode: false });
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c);
  return Buffer.concat(chunks);
}

const payload = Buffer.concat([Buffer.from('tar-ish data '.repeat(5000)), randomBytes(100000)]);

test('sniff recognises magic bytes', () => {
  assert.equal(sniff(Buffer.from([0x1f, 0x8b, 8, 0])), 'gzip');
  assert.equal(sniff(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0])), 'zstd');
  assert.equal(sniff(Buffer.from([0x50, 0x2a, 0x4d, 0x18])), 'zstd');
  assert.equal(sniff(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])), 'xz');
  assert.equal(sniff(Buffer.from('BZh91AY')), 'bzip2');
  assert.equal(sniff(Buffer.from('BZh0')), 'none');
  assert.equal(sniff(Buffer.from('ustar')), 'none');
  assert.equal(sniff(Buffer.from([0x1f])), 'none');
  assert.equal(sniff(Buffer.alloc(0)), 'none');
});

test('uncompressed input passes through untouched, first bytes included', async () => {
  const { kind, stream } = await decompressStream(chunked(payload, 2));
  assert.equal(kind, 'none');
  assert.ok((await collect(stream)).equals(payload));
  for (const small of [Buffer.alloc(0), Buffer.from('ab')]) {
    const r = await decompressStream(chunked(small));
    assert.equal(r.kind, 'none');
    assert.ok((await collect(r.stream)).equals(small));
  }
});

test('gzip, including multi-member files', async () => {
  const { kind, stream } = await decompressStream(chunked(gzipSync(payload), 1000));
  assert.equal(kind, 'gzip');
  assert.ok((await collect(stream)).equals(payload));
  const multi = Buffer.concat([gzipSync(Buffer.from('one ')), gzipSync(Buffer.from('two ')), gzipSync(Buffer.from('three'))]);
  assert.equal((await collect((await decompressStream(chunked(multi))).stream)).toString(), 'one two three');
  const truncated = gzipSync(payload).subarray(0, 5000);
  // A truncated gzip stream is a one-line BerthError (no zlib stack trace reaches the user).
  await assert.rejects(collect((await decompressStream(chunked(truncated, 1000))).stream), (e: Error) => e.name === 'BerthError' && /^gzip: unexpected EOF$/.test(e.message));
});

for (const [kind, cmd] of [['zstd', 'zstd'], ['xz', 'xz'], ['bzip2', 'bzip2']] as const) {
  test(`${kind} through \`${cmd} -dc\``, async (t) => {
    if (!has(cmd)) return t.skip(`${cmd} is not installed`);
    const compressed = cli(cmd, ['-c'], payload);
    const r = await decompressStream(chunked(compressed, 4096));
    assert.equal(r.kind, kind);
    assert.ok((await collect(r.stream)).equals(payload));
    const corrupt = Buffer.from(compressed);
    corrupt.fill(0x55, 20, 60);
    const bad = await decompressStream(chunked(corrupt, 4096));
    await assert.rejects(collect(bad.stream), (e) => isBerthError(e, 'DATA_LOSS') && new RegExp(`^${kind} decompression failed: ${cmd} exit code \\d+`).test(e.message));
    const cut = await decompressStream(chunked(compressed.subarray(0, compressed.length - 10), 4096));
    await assert.rejects(collect(cut.stream), new RegExp(`${kind} decompression failed`));
  });
}

test('zstd multi-frame input', async (t) => {
  if (!has('zstd')) return t.skip('zstd is not installed');
  const two = Buffer.concat([cli('zstd', ['-c'], Buffer.from('first ')), cli('zstd', ['-c'], Buffer.from('second'))]);
  assert.equal((await collect((await decompressStream(chunked(two))).stream)).toString(), 'first second');
});

test('compressStream round trips: gzip and zstd', async (t) => {
  for (const kind of ['gzip', 'zstd'] as const) {
    if (kind === 'zstd' && !has('zstd')) {
      t.diagnostic('zstd is not installed: zstd round trip skipped');
      continue;
    }
    const c = compressStream(kind);
    const [compressed] = await Promise.all([collect(c), pipeline(chunked(payload, 10000), c)]);
    assert.equal(sniff(compressed), kind);
    const r = await decompressStream(chunked(compressed, 777));
    assert.ok((await collect(r.stream)).equals(payload), kind);
  }
});

test('an input error surfaces on the decompressed stream', async () => {
  const input = new PassThrough();
  input.write(gzipSync(payload).subarray(0, 100));
  const { stream } = await decompressStream(input);
  setTimeout(() => input.destroy(new Error('network went away')), 5);
  await assert.rejects(collect(stream), /network went away/);
});

test('child filters: a missing binary and an early consumer exit', async () => {
  const missing = new ChildFilter('berth-no-such-command', [], 'frobnication', 'DATA_LOSS');
  const err = await collect(missing).catch((e) => e);
  assert.ok(isBerthError(err, 'FAILED_PRECONDITION'));
  assert.equal(err.message, 'frobnication: berth-no-such-command is not installed');
  if (!has('zstd')) return;
  const big = cli('zstd', ['-c'], Buffer.alloc(50 << 20));
  const { stream } = await decompressStream(chunked(big, 65536));
  for await (const _ of stream) break; // destroys the filter, which kills the child
  assert.equal(stream.destroyed, true);
});
