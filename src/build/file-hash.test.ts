// The classic builder's source hashes, checked against what Docker 20.10 wrote for the same files
// (`COPY a.txt` with "hello\n" mode 0644 → file:679c43c7…; a.txt, b.txt ("two\n") and dir/d ("d\n") → multi:e644f3c5…).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileHash, hashStringSlice } from './file-hash.js';

test('file and multi hashes match Docker', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-hash-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'dir'));
  const files: [string, string][] = [['a.txt', 'hello\n'], ['b.txt', 'two\n'], ['dir/d', 'd\n']];
  for (const [n, c] of files) {
    writeFileSync(join(dir, n), c);
    chmodSync(join(dir, n), 0o644);
  }
  const h = async (n: string) => fileHash(join(dir, n), n, statSync(join(dir, n)), { uid: 0, gid: 0 });
  assert.equal(await h('a.txt'), '679c43c79a56cffbb3b002bda3050542c152a2f09757a0f1a9578871f7cda00d');
  const multi = hashStringSlice('multi', [`file:${await h('a.txt')}`, `file:${await h('b.txt')}`, `file:${await h('dir/d')}`]);
  assert.equal(multi, 'multi:e644f3c5a671ed59d7b3d1e5ced49204195835af3a2eedf105ae9a1b9b1153f3');
});
