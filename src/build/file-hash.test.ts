// The classic builder's source hashes, checked against what Docker wrote here (client 28, daemon 20.10.24) for the
// same files: context sources as the CLI's context tar gives them, another stage's files as the daemon hashes them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, mkdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { daemonHeader, fileHash } from './file-hash.js';
import { BuildContext } from './context.js';
import { contextFS, resolveSources, sourcesHash } from './copy-sources.js';

test('context sources: file, multi and dir hashes (symlinks hashed as what they lead to) match Docker', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-hash-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'dir'));
  chmodSync(join(dir, 'dir'), 0o755);
  for (const [n, c] of [['a.txt', 'hello\n'], ['b.txt', 'two\n'], ['dir/d', 'd\n']]) {
    writeFileSync(join(dir, n), c);
    chmodSync(join(dir, n), 0o644);
  }
  symlinkSync('d', join(dir, 'dir/l'));
  symlinkSync('a.txt', join(dir, 'link.txt'));
  const fs = contextFS(await BuildContext.open(dir));
  const hash = async (...sources: string[]) => sourcesHash(await resolveSources(fs, sources, 'COPY'));
  assert.equal(await hash('a.txt'), 'file:00ec16333078d287782d462baefc8bb9eb0231dc3aefba3ca3e2f7e5cf0cadda');
  // a symlink named as the source is followed: the hash (and the copy) is its target's
  assert.equal(await hash('link.txt'), 'file:00ec16333078d287782d462baefc8bb9eb0231dc3aefba3ca3e2f7e5cf0cadda');
  assert.equal(await hash('a.txt', 'b.txt', 'dir/d'), 'multi:f170a578c3e7d994ed1fbccba61c11b57fc9a4a3c4c9cf52afdc3b064cdd94de');
  assert.equal(await hash('dir'), 'dir:d8454dfd0bc5cea43e05458518b60c8ae361bb501b7675d4f5cedf0160f1b429');
});

test('a file the daemon hashes itself (COPY --from): mode with type bits, owner names from the host', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-hash-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const p = join(dir, 'passwd');
  writeFileSync(p, 'root:x:0:0:root:/root:/bin/sh\n');
  chmodSync(p, 0o644);
  // busybox's /etc/passwd, `COPY --from=a /etc/passwd /p` (owned by 0:0, root on any host)
  assert.equal(await fileHash(p, 'etc/passwd', statSync(p), daemonHeader(0, 0)), '70ab510c727ca021be4e2fb997f64f50d0bc4f15a8e1cc4009d588daea13d3be');
});
