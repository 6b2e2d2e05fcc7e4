// berth build features beyond build.test.ts, checked against Docker 20.10's classic builder: --target (stages up to
// the named one), --label (one unexpanded LABEL step per key), ONBUILD triggers run by a build FROM the image, and
// ADD <url> (blank line, root-owned hash, mode 0600, Last-Modified or epoch mtime, Docker's failure messages).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, symlinkSync, utimesSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { TestStore, importBusybox, isRoot, need, BERTH } from '../lib/berth.js';

function contextDir(t: import('node:test').TestContext, files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'berth-build-more-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
  return dir;
}

async function config(store: TestStore, ref: string): Promise<Record<string, any>> {
  const id = (await store.ok(['image', 'inspect', '-f', '{{.Id}}', ref])).trim();
  return JSON.parse(readFileSync(join(store.root, 'blobs/sha256', id.slice(7)), 'utf8'));
}

const createdBy = (c: Record<string, any>, from: number) => c.history.slice(from).map((h: any) => h.created_by);

/** `tar -tv` of a layer of `ref` as `save` exports it (UTC times, numeric owners); `below` counts down from the top. */
function topLayerListing(store: TestStore, ref: string, below = 0): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'berth-build-more-save-'));
  try {
    const r = spawnSync('sh', ['-c', `${BERTH} --root ${store.root} save ${ref} | tar -x -C ${dir}`]);
    assert.equal(r.status, 0, r.stderr.toString());
    const layers: string[] = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))[0].Layers;
    const out = spawnSync('tar', ['--numeric-owner', '--full-time', '-tvf', join(dir, layers[layers.length - 1 - below])], { env: { ...process.env, TZ: 'UTC' } });
    return out.stdout.toString().split('\n').filter(Boolean).map((l) => l.replace(/ +/g, ' '));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('--target builds the stages up to the named one (case-insensitive); an unknown target fails as Docker does', async (t) => {
  if (!need(t, isRoot(), 'layer unpacking needs root')) return;
  const store = new TestStore();
  t.after(() => store.cleanup());
  await importBusybox(store);
  const ctx = contextDir(t, { Dockerfile: 'FROM busybox AS a\nENV A=1\nFROM a AS b\nENV B=2\nFROM busybox\nENV C=3\n' });
  const out = await store.ok(['build', '--target', 'B', '-t', 'tgt:1', ctx]);
  const steps = out.split('\n').filter((l) => l.startsWith('Step '));
  assert.deepEqual(steps, ['Step 1/4 : FROM busybox AS a', 'Step 2/4 : ENV A=1', 'Step 3/4 : FROM a AS b', 'Step 4/4 : ENV B=2']);
  // FROM a stage prints that stage's image.
  const afterA = out.match(/Step 2\/4 : ENV A=1\n ---> Running in [0-9a-f]{12}\nRemoving intermediate container [0-9a-f]{12}\n ---> ([0-9a-f]{12})\n/)![1];
  assert.ok(out.includes(`Step 3/4 : FROM a AS b\n ---> ${afterA}\n`), out);
  assert.match(out, /Successfully tagged tgt:1\n$/);
  const c = await config(store, 'tgt:1');
  assert.deepEqual(c.config.Env, ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'A=1', 'B=2']);

  const r = await store.run(['build', '--target', 'nope', '-t', 'tgt:2', ctx]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'Error response from daemon: failed to reach build target nope in Dockerfile\n');
  assert.ok(!r.stdout.includes('Step '), r.stdout);
  assert.equal(await store.ok(['images', '--format', '{{.Tag}}', 'tgt']), '1\n');
});

test('--label adds one sorted, unexpanded LABEL step per key at the end, as the classic builder does', async (t) => {
  if (!need(t, isRoot(), 'layer unpacking needs root')) return;
  const store = new TestStore();
  t.after(() => store.cleanup());
  await importBusybox(store);
  const ctx = contextDir(t, { Dockerfile: 'FROM busybox AS a\nENV A=1\nLABEL from=file\nFROM a\nENV HOME=/root\n' });
  const flags = ['--label', 'z=first', '--label', 'a=two words', '--label', 'empty=', '--label', 'noeq', '--label', 'v=$HOME', '--label', 'z=last'];
  const out = await store.ok(['build', ...flags, '-t', 'lbl:1', ctx]);
  const steps = out.split('\n').filter((l) => l.startsWith('Step '));
  assert.deepEqual(steps, [
    'Step 1/10 : FROM busybox AS a',
    'Step 2/10 : ENV A=1',
    'Step 3/10 : LABEL from=file',
    'Step 4/10 : FROM a',
    'Step 5/10 : ENV HOME=/root',
    'Step 6/10 : LABEL a=two words',
    'Step 7/10 : LABEL empty=',
    'Step 8/10 : LABEL noeq=',
    'Step 9/10 : LABEL v=$HOME',
    'Step 10/10 : LABEL z=last',
  ]);
  assert.match(out, /Step 10\/10 : LABEL z=last\n ---> Running in ([0-9a-f]{12})\nRemoving intermediate container \1\n ---> [0-9a-f]{12}\nSuccessfully built/);
  const c = await config(store, 'lbl:1');
  const want = { a: 'two words', empty: '', from: 'file', noeq: '', v: '$HOME', z: 'last' };
  assert.deepEqual(c.config.Labels, want);
  assert.deepEqual(c.container_config.Labels, want);
  assert.deepEqual(createdBy(c, -5), [
    '/bin/sh -c #(nop)  LABEL a=two words',
    '/bin/sh -c #(nop)  LABEL empty=',
    '/bin/sh -c #(nop)  LABEL noeq=',
    '/bin/sh -c #(nop)  LABEL v=$HOME',
    '/bin/sh -c #(nop)  LABEL z=last',
  ]);
  // The label steps are cached like any other; another value misses from that step on.
  const again = await store.ok(['build', ...flags, ctx]);
  assert.equal(again.match(/ ---> Using cache\n/g)?.length, 8);
  const other = await store.ok(['build', ...flags.slice(0, -1), 'z=other', ctx]);
  assert.equal(other.match(/ ---> Using cache\n/g)?.length, 7);
  assert.match(other, /Step 10\/10 : LABEL z=other\n ---> Running in /);
});

test('ONBUILD stores triggers; a build FROM the image runs them first and clears them', async (t) => {
  if (!need(t, isRoot(), 'layer unpacking needs root')) return;
  const store = new TestStore();
  t.after(() => store.cleanup());
  await importBusybox(store);
  const parent = contextDir(t, { Dockerfile: 'FROM busybox\nONBUILD ENV T=1\nONBUILD COPY f /f\n', f: 'parent\n' });
  await store.ok(['build', '-t', 'ob:1', parent]);
  const p = await config(store, 'ob:1');
  assert.deepEqual(p.config.OnBuild, ['ENV T=1', 'COPY f /f']);
  assert.deepEqual(p.container_config.OnBuild, ['ENV T=1', 'COPY f /f']);
  assert.deepEqual(createdBy(p, 1), ['/bin/sh -c #(nop)  ONBUILD ENV T=1', '/bin/sh -c #(nop)  ONBUILD COPY f /f']);

  // The child's context supplies the trigger's COPY source.
  const child = contextDir(t, { Dockerfile: 'FROM ob:1\nENV U=2\n', f: 'hello\n' });
  const out = await store.ok(['build', '-t', 'ob:2', child]);
  assert.match(
    out,
    /\nStep 1\/2 : FROM ob:1\n# Executing 2 build triggers\n ---> Running in ([0-9a-f]{12})\nRemoving intermediate container \1\n ---> [0-9a-f]{12}\nStep 2\/2 : ENV U=2\n/,
  );
  const c = await config(store, 'ob:2');
  assert.equal(c.config.OnBuild, null);
  assert.deepEqual(c.config.Env, ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'T=1', 'U=2']);
  // The same rows (and COPY hash) Docker writes for this child (client 28, daemon 20.10).
  assert.deepEqual(createdBy(c, -3), [
    '/bin/sh -c #(nop)  ENV T=1',
    '/bin/sh -c #(nop) COPY file:7d70391f0d5adb51fc26141f58002b62862a2d7bfeec1389438ea684d00e6046 in /f ',
    '/bin/sh -c #(nop)  ENV U=2',
  ]);
  assert.deepEqual(
    topLayerListing(store, 'ob:2').map((l) => l.split(' ').pop()),
    ['f'],
  );
  // Triggers do not carry on to a grandchild; one trigger is worded in the singular.
  const grand = contextDir(t, { Dockerfile: 'FROM ob:2\nENV G=3\n' });
  assert.ok(!(await store.ok(['build', grand])).includes('build trigger'));
  const one = contextDir(t, { Dockerfile: 'FROM busybox\nONBUILD LABEL x=y\n' });
  await store.ok(['build', '-t', 'ob1:1', one]);
  const single = contextDir(t, { Dockerfile: 'FROM ob1:1\n' });
  const s = await store.ok(['build', '-t', 'ob1:2', single]);
  assert.match(s, /Step 1\/1 : FROM ob1:1\n# Executing 1 build trigger\n/);
  assert.deepEqual((await config(store, 'ob1:2')).config.Labels, { x: 'y' });
});

/** A tiny HTTP server on 127.0.0.1 for ADD <url>. */
async function fileServer(t: import('node:test').TestContext): Promise<string> {
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/lm/data.txt') res.setHeader('Last-Modified', 'Wed, 21 Oct 2015 07:28:00 GMT');
    if (url === '/disp/') res.setHeader('Content-Disposition', 'attachment; filename="given.txt"');
    if (url.startsWith('/missing')) {
      res.statusCode = 404;
      res.end('no\n');
      return;
    }
    res.end(`payload ${url}\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

test('ADD <url>: Docker\'s blank line and hash, mode 0600, Last-Modified (else epoch) mtime, cache, failures', async (t) => {
  if (!need(t, isRoot(), 'layer unpacking needs root')) return;
  const store = new TestStore();
  t.after(() => store.cleanup());
  await importBusybox(store);
  const base = await fileServer(t);
  const ctx = contextDir(t, { Dockerfile: `FROM busybox\nADD ${base}/lm/data.txt /dl/\nADD ${base}/plain.txt /dl/renamed\n` });
  const out = await store.ok(['build', '-t', 'add:1', ctx]);
  assert.match(out, new RegExp(`Step 2/3 : ADD ${base}/lm/data.txt /dl/\\n\\n ---> [0-9a-f]{12}\\nStep 3/3 : ADD ${base}/plain.txt /dl/renamed\\n\\n ---> [0-9a-f]{12}\\nSuccessfully built`));
  const c = await config(store, 'add:1');
  // The hashes Docker 20.10 writes for the same bodies.
  assert.deepEqual(createdBy(c, -2), [
    '/bin/sh -c #(nop) ADD bac843d9bcc4f4f46b9dba51343298b5147aca74def8c10fca2d68dc8f35f9c3 in /dl/ ',
    '/bin/sh -c #(nop) ADD c3baf3c406b31dd19dcab7ad23f6be5e9780285bc7b3460e23003e5062237538 in /dl/renamed ',
  ]);
  const renamed = topLayerListing(store, 'add:1').find((l) => l.endsWith(' dl/renamed'));
  assert.equal(renamed, `-rw------- 0/0 19 1970-01-01 00:00:00 dl/renamed`);
  const data = topLayerListing(store, 'add:1', 1).find((l) => l.endsWith(' dl/data.txt'));
  assert.equal(data, `-rw------- 0/0 21 2015-10-21 07:28:00 dl/data.txt`);
  const again = await store.ok(['build', ctx]);
  assert.equal(again.match(/\n\n ---> Using cache\n/g)?.length, 2, again);

  // The name comes from Content-Disposition when the path ends in /.
  const disp = contextDir(t, { Dockerfile: `FROM busybox\nADD ${base}/disp/ /d/\n` });
  await store.ok(['build', '-t', 'add:2', disp]);
  assert.deepEqual(topLayerListing(store, 'add:2').map((l) => l.split(' ').pop()), ['d/', 'd/given.txt']);

  const cases: [string, string][] = [
    [`${base}/missing/x`, `ADD failed: failed to GET ${base}/missing/x with status 404 Not Found: no\n`],
    [`${base}/dir/`, `ADD failed: cannot determine filename for source ${base}/dir/\n`],
  ];
  for (const [url, msg] of cases) {
    const bad = contextDir(t, { Dockerfile: `FROM busybox\nADD ${url} /x\n` });
    const r = await store.run(['build', '-t', 'bad:1', bad]);
    assert.equal(r.code, 1, url);
    assert.equal(r.stderr, msg);
  }
  assert.equal(await store.ok(['images', '--format', '{{.Repository}}', 'bad']), '');
});

test('--rm=false keeps the containers of successful RUN steps; the default removes them', async (t) => {
  if (!need(t, isRoot(), 'RUN needs root (runc, overlayfs)')) return;
  const store = new TestStore();
  t.after(async () => {
    const ids = (await store.run(['ps', '-aq'])).stdout.split('\n').filter(Boolean);
    if (ids.length) await store.run(['rm', '-f', ...ids]);
    store.cleanup();
  });
  await importBusybox(store);
  const ctx = contextDir(t, { Dockerfile: 'FROM busybox\nRUN echo one > /one\nRUN echo two > /two\n' });
  await store.ok(['build', '--rm=false', '-t', 'kept', ctx]);
  const kept = (await store.ok(['ps', '-a', '--format', '{{.Status}}'])).split('\n').filter(Boolean);
  assert.equal(kept.length, 2);
  for (const s of kept) assert.match(s, /^Exited \(0\)/);
  assert.equal(await store.ok(['run', '--rm', 'kept', 'cat', '/one', '/two']), 'one\ntwo\n');
  await store.ok(['build', '--no-cache', '-t', 'removed', ctx]);
  assert.equal((await store.ok(['ps', '-aq'])).split('\n').filter(Boolean).length, 2);
  const check = await store.run(['system', 'check']);
  assert.equal(check.code, 0, check.stdout + check.stderr);
});

test('a Dockerfile parsed once is kept by content: a rebuild uses it, a changed or damaged one is parsed anew, builder prune drops them', async (t) => {
  const store = new TestStore();
  t.after(() => store.cleanup());
  const ctx = contextDir(t, { Dockerfile: 'FROM scratch\nLABEL a=1\nCMD ["one"]\n' });
  const plans = () => {
    try {
      return readdirSync(join(store.root, 'builder', 'parsed')).sort();
    } catch {
      return [];
    }
  };
  const built = (out: string) => out.match(/Successfully built (\w+)/)![1];
  const first = built(await store.ok(['build', '-t', 'kept', ctx]));
  assert.equal(plans().length, 1);
  const again = await store.ok(['build', '-t', 'kept', ctx]);
  assert.equal(built(again), first);
  assert.equal(again.match(/ ---> Using cache/g)?.length, 2);
  // a damaged plan is not used: the Dockerfile is parsed again and the build is the same
  for (const p of plans()) writeFileSync(join(store.root, 'builder', 'parsed', p), '{"escape":');
  assert.equal(built(await store.ok(['build', '-t', 'kept', ctx])), first);
  // another text is another plan (never the old one's result)
  writeFileSync(join(ctx, 'Dockerfile'), 'FROM scratch\nLABEL a=1\nCMD ["two"]\n');
  await store.ok(['build', '-t', 'kept', ctx]);
  assert.deepEqual((await config(store, 'kept')).config.Cmd, ['two']);
  assert.equal(plans().length, 2);
  // what fails to parse is not kept, and fails every time
  writeFileSync(join(ctx, 'Dockerfile'), 'FROM scratch\nBOGUS x\n');
  for (let i = 0; i < 2; i++) {
    const r = await store.run(['build', ctx]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /unknown instruction: BOGUS/);
  }
  assert.equal(plans().length, 2);
  await store.ok(['builder', 'prune', '-f']);
  assert.deepEqual(plans(), []);
});

test('COPY of a symlink copies what it leads to inside the context, under its own name; one leading out is not found', async (t) => {
  if (!need(t, isRoot(), 'layer unpacking needs root')) return;
  const store = new TestStore();
  t.after(() => store.cleanup());
  const ctx = contextDir(t, { 'real.txt': 'f\n', 'Dockerfile': 'FROM scratch\nCOPY link.txt /l1\nCOPY link.txt real.txt /both/\n' });
  symlinkSync('real.txt', join(ctx, 'link.txt'));
  symlinkSync('/etc/passwd', join(ctx, 'abs'));
  await store.ok(['build', '-t', 'links', ctx]);
  // Regression: the link itself was copied (dangling in the image), and hashed as a link.
  const noTime = (l: string) => l.split(' ').filter((_, i) => i !== 3 && i !== 4).join(' ');
  assert.deepEqual(topLayerListing(store, 'links', 1).map(noTime), ['-rw-r--r-- 0/0 2 l1'], 'l1 is a regular file with the target\'s bytes');
  const both = topLayerListing(store, 'links').map(noTime).sort();
  assert.deepEqual(both, ['-rw-r--r-- 0/0 2 both/link.txt', '-rw-r--r-- 0/0 2 both/real.txt', 'drwxr-xr-x 0/0 0 both/']);
  writeFileSync(join(ctx, 'Dockerfile'), 'FROM scratch\nCOPY abs /abs\n');
  const r = await store.run(['build', ctx]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^COPY failed: file not found in build context or excluded by \.dockerignore: stat abs: file does not exist$/m);
});

test('Docker\'s words for a reused stage name, an expansion error, a source outside the context, a missing --from image and a file of comments', async (t) => {
  const store = new TestStore();
  t.after(() => store.cleanup());
  const ctx = contextDir(t, { Dockerfile: '' });
  const build = async (text: string) => {
    writeFileSync(join(ctx, 'Dockerfile'), text);
    return store.run(['build', ctx]);
  };
  const cases: [string, string, RegExp][] = [
    ['FROM scratch AS a\nLABEL x=1\nFROM scratch AS a\nLABEL y=2\n', 'a stage name already used', /Step 2\/4 : LABEL x=1\n[^]* ---> [0-9a-f]{12}\n$/],
    ['FROM scratch\nENV X=${Y\n', 'failed to process "${Y": missing \':\' in substitution', /Step 2\/2 : ENV X=\$\{Y\n$/],
    ['FROM scratch\nCOPY ../x /x\n', 'COPY failed: forbidden path outside the build context: ../x ()', /Step 2\/2 : COPY \.\.\/x \/x\n$/],
    ['# only a comment\n\n', 'Error response from daemon: failed to parse Dockerfile: file with no instructions', /^Sending build context/],
    ['', 'Error response from daemon: the Dockerfile (Dockerfile) cannot be empty', /^Sending build context/],
  ];
  for (const [text, err, out] of cases) {
    const r = await build(text);
    assert.equal(r.code, 1, text);
    assert.equal(r.stderr, `${err}\n`, text);
    assert.match(r.stdout, out, text);
  }
  // the stage's image is looked for (and pulled) as an image: its failure is the flag's
  const r = await build('FROM scratch\nCOPY --from=127.0.0.1:1/nostage /x /x\n');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^invalid from flag value 127\.0\.0\.1:1\/nostage: /);
});

test('RUN alone runs the shell alone, which fails as in Docker; a new HEALTHCHECK notes the one it overrides; proxy build args prefix RUN with |0', async (t) => {
  if (!need(t, isRoot(), 'RUN needs root and runc')) return;
  if (!need(t, spawnSync('sh', ['-c', 'command -v runc']).status === 0, 'runc is not installed')) return;
  const store = new TestStore();
  t.after(() => store.cleanup());
  await importBusybox(store);
  const ctx = contextDir(t, { Dockerfile: 'FROM busybox\nRUN\n' });
  const bare = await store.run(['build', ctx]);
  assert.equal(bare.code, 2);
  // RUN's stderr is coloured per write, as the daemon does: the shell's message and its newline may arrive apart.
  assert.match(bare.stdout.replace(/\x1b\[\d*m/g, ''), /\/bin\/sh: -c requires an argument\n/);
  assert.match(bare.stderr, /^The command '\/bin\/sh -c' returned a non-zero code: 2\n$/);
  writeFileSync(join(ctx, 'Dockerfile'), 'FROM busybox\nHEALTHCHECK CMD true\nHEALTHCHECK NONE\nRUN echo hi\n');
  const out = await store.ok(['build', '--build-arg', 'HTTP_PROXY=http://127.0.0.1:9', '-t', 'hc', ctx]);
  assert.match(out, /Step 3\/4 : HEALTHCHECK NONE\nNote: overriding previous HEALTHCHECK: \[CMD-SHELL true\]\n/);
  assert.deepEqual(createdBy(await config(store, 'hc'), -1), ['|0 /bin/sh -c echo hi']);
  // without the proxy the step is another one (no cache hit), as in Docker
  assert.doesNotMatch((await store.ok(['build', ctx])).split('Step 4/4')[1], /Using cache/);
});

test('a Dockerfile Docker\'s parser refuses runs no step: the error comes back as the daemon\'s, before any output', async (t) => {
  const store = new TestStore();
  t.after(() => store.cleanup());
  const ctx = contextDir(t, { Dockerfile: 'FROM scratch\nLABEL a=1\nHEALTHCHECK --interval=bad CMD true\n' });
  const r = await store.run(['build', ctx]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'Error response from daemon: dockerfile parse error line 3: time: invalid duration "bad"\n');
  assert.match(r.stdout, /^Sending build context to Docker daemon +\S+\r?\r?\n?$/);
  assert.equal((await store.ok(['images', '-qa'])).trim(), '', 'no step ran');
});

test('COPY hashes kept between builds: reused for an unchanged context file, never for one rewritten with the same size and mtime', async (t) => {
  if (!need(t, isRoot(), 'the store and builds run as root here')) return;
  const store = new TestStore();
  t.after(() => store.cleanup());
  await importBusybox(store);
  const ctx = contextDir(t, { Dockerfile: 'FROM busybox\nCOPY data.txt /data.txt\n', 'data.txt': 'aaaa\n' });
  const data = join(ctx, 'data.txt');
  const mtime = new Date('2020-01-02T03:04:05Z');
  utimesSync(data, mtime, mtime);
  // a hash is kept only for a file whose ctime was 2 s old when it was hashed (git's "racy" rule)
  await new Promise((r) => setTimeout(r, 2100));
  const first = await store.ok(['build', '-t', 'one', ctx]);
  const hashes = join(store.root, 'builder', 'file-hashes');
  assert.equal(readdirSync(hashes).length, 1, 'the context has its hash file');
  assert.match(readFileSync(join(hashes, readdirSync(hashes)[0]), 'utf8'), /namedata\.txtmode/);
  const again = await store.ok(['build', '-t', 'one', ctx]);
  assert.match(again, /Step 2\/2 : COPY data.txt \/data.txt\n ---> Using cache\n/);
  // same size, same mtime, other bytes: the ctime moved, so the kept hash is not used
  writeFileSync(data, 'bbbb\n');
  utimesSync(data, mtime, mtime);
  const changed = await store.ok(['build', '-t', 'two', ctx]);
  assert.doesNotMatch(changed.split('Step 2/2')[1], /Using cache/);
  assert.notEqual(createdBy(await config(store, 'one'), -1)[0], createdBy(await config(store, 'two'), -1)[0]);
  assert.ok(first.includes('Successfully tagged'));
  // builder prune drops them with the rest of the build cache
  await store.ok(['builder', 'prune', '-f']);
  assert.equal(existsSync(hashes), false);
});
