import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OffloadedSha256 } from './offload.js';
import { HashStream } from './hash-stream.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

test('the worker hashes what the main thread would, chunk boundaries and concurrent jobs alike', async () => {
  const a = randomBytes(5 << 20);
  const b = randomBytes(777_777);
  const ha = new OffloadedSha256();
  const hb = new OffloadedSha256();
  for (let off = 0; off < a.length; off += 65_537) {
    await ha.update(a.subarray(off, off + 65_537));
    if (off < b.length) await hb.update(b.subarray(off, off + 65_537));
  }
  assert.equal(await hb.hex(), sha256(b));
  assert.equal(await ha.hex(), sha256(a));
  assert.equal(await new OffloadedSha256().hex(), sha256(Buffer.alloc(0)));
});

test('an offloaded HashStream passes every byte through and knows its digest once ended', async () => {
  const data = randomBytes(3 << 20);
  const h = new HashStream({ offload: true });
  const seen: Buffer[] = [];
  await pipeline(
    Readable.from([data.subarray(0, 1000), data.subarray(1000)]),
    h,
    new Writable({ write: (c: Buffer, _e, cb) => (seen.push(c), cb()) }),
  );
  assert.equal(h.digest(), `sha256:${sha256(data)}`);
  assert.equal(h.size, data.length);
  assert.ok(Buffer.concat(seen).equals(data));
});

test('a process whose offloaded hash was abandoned (its stream destroyed) still exits', () => {
  const offload = fileURLToPath(new URL('./hash-stream.ts', import.meta.url));
  const script = `
    import { HashStream } from ${JSON.stringify(offload)};
    const h = new HashStream({ offload: true });
    h.on('error', () => {});
    h.write(Buffer.alloc(1 << 20));
    setTimeout(() => h.destroy(new Error('gone')), 50);
  `;
  const dir = mkdtempSync(join(tmpdir(), 'berth-offload-'));
  try {
    writeFileSync(join(dir, 'abandon.mjs'), script);
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(dir, 'abandon.mjs')], { timeout: 20_000, encoding: 'utf8' });
    assert.equal(r.signal, null, `still running after 20 s: ${r.stderr}`);
    assert.equal(r.status, 0, r.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
