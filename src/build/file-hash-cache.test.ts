import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileHashCache, fileHashesDir } from './file-hash-cache.js';
import { CONTEXT_HEADER, fileHash } from './file-hash.js';
import { shortKey } from '../digest/short-key.js';

function scratch(t: { after: (fn: () => void) => void }) {
  const dir = mkdtempSync(join(tmpdir(), 'berth-fhc-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return { root: join(dir, 'root'), ctx: join(dir, 'ctx') };
}

test('kept hashes: reused for the same header and identity, written for the next build, same value as hashing', async (t) => {
  const { root, ctx } = scratch(t);
  mkdirSync(ctx, { recursive: true });
  const file = join(ctx, 'a.txt');
  writeFileSync(file, 'hello');
  const st = lstatSync(file);
  const plain = await fileHash(file, 'a.txt', st, CONTEXT_HEADER);
  // settledMs 0: the file counts as settled at once (the real rule wants its ctime 2 s old)
  const first = new FileHashCache(root, ctx, 0);
  assert.equal(await fileHash(file, 'a.txt', st, CONTEXT_HEADER, first), plain);
  first.save();
  assert.equal(readdirSync(fileHashesDir(root)).length, 1);
  const second = new FileHashCache(root, ctx, 0);
  rmSync(file); // the kept hash answers without reading the file
  assert.equal(await fileHash(file, 'a.txt', st, CONTEXT_HEADER, second), plain);
  // another name (header) is another key
  await assert.rejects(fileHash(file, 'b.txt', st, CONTEXT_HEADER, second), /ENOENT/);
  // another context's cache does not see it
  assert.equal(new FileHashCache(root, ctx + '2', 0).get(FileHashCache.key('x', st)), undefined);
});

test('a file changed since (new ctime) misses; a file changed within SETTLED_MS of hashing is not kept', async (t) => {
  const { root, ctx } = scratch(t);
  mkdirSync(ctx, { recursive: true });
  const file = join(ctx, 'a.txt');
  writeFileSync(file, 'one');
  const c = new FileHashCache(root, ctx, 0);
  const st1 = lstatSync(file);
  const h1 = await fileHash(file, 'a.txt', st1, CONTEXT_HEADER, c);
  await new Promise((r) => setTimeout(r, 20));
  writeFileSync(file, 'two'); // same size
  const st2 = lstatSync(file);
  assert.notEqual(st2.ctimeMs, st1.ctimeMs);
  const h2 = await fileHash(file, 'a.txt', st2, CONTEXT_HEADER, c);
  assert.notEqual(h2, h1);
  assert.equal(h2, await fileHash(file, 'a.txt', st2, CONTEXT_HEADER));
  // the real rule: a file whose ctime is younger than 2 s when hashed is hashed again next time, never kept
  const strictRoot = join(root, '..', 'strict-root');
  const strict = new FileHashCache(strictRoot, ctx);
  assert.equal(await fileHash(file, 'a.txt', st2, CONTEXT_HEADER, strict), h2);
  strict.save();
  assert.equal(existsSync(fileHashesDir(strictRoot)), false, 'nothing was kept');
});

test('shortKey: stable, 16 hex digits, different for different text', () => {
  assert.equal(shortKey('FROM busybox\n'), shortKey('FROM busybox\n'));
  assert.match(shortKey(''), /^[0-9a-f]{16}$/);
  const keys = new Set(Array.from({ length: 2000 }, (_, i) => shortKey(`RUN echo ${i}`)));
  assert.equal(keys.size, 2000);
});
