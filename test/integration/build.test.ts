// berth build end to end: FROM scratch + ADD + CMD, a busybox build with COPY/ENV/WORKDIR/VOLUME/CMD, the cache
// (same IDs on rebuild, --no-cache), multi-stage COPY --from, and errors that leave nothing tagged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, copyFileSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { TestStore, importBusybox, isRoot, need } from '../lib/berth.js';

function contextDir(t: import('node:test').TestContext, files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'berth-build-ctx-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
  return dir;
}

const busybox = () => spawnSync('sh', ['-c', 'command -v busybox']).stdout.toString().trim();

async function config(store: TestStore, ref: string): Promise<Record<string, any>> {
  const id = (await store.ok(['image', 'inspect', '-f', '{{.Id}}', ref])).trim();
  return JSON.parse(readFileSync(join(store.root, 'blobs/sha256', id.slice(7)), 'utf8'));
}

test('FROM scratch, ADD a static binary, CMD: classic output, history rows and a cached rebuild', async (t) => {
  if (!need(t, isRoot(), 'layer unpacking needs root')) return;
  if (!need(t, !!busybox(), 'busybox-static is not installed')) return;
  const store = new TestStore();
  t.after(() => store.cleanup());
  const ctx = contextDir(t, { Dockerfile: 'FROM scratch\nADD hello /\nCMD ["/hello"]\n' });
  copyFileSync(busybox(), join(ctx, 'hello'));
  const first = await store.ok(['build', '-t', 'hello', ctx]);
  const lines = first.split('\n');
  assert.match(lines[0], /^Sending build context to Docker daemon +[0-9.]+MB\r\r$/);
  assert.equal(lines[1], 'Step 1/3 : FROM scratch');
  assert.equal(lines[2], ' ---> ');
  assert.equal(lines[3], 'Step 2/3 : ADD hello /');
  assert.match(lines[4], /^ ---> [0-9a-f]{12}$/);
  assert.match(lines[6], /^ ---> Running in [0-9a-f]{12}$/);
  assert.match(first, /Successfully built ([0-9a-f]{12})\nSuccessfully tagged hello:latest\n$/);
  const history = await store.ok(['history', '--no-trunc', '--format', '{{.CreatedBy}}', 'hello']);
  assert.match(history, /^\/bin\/sh -c #\(nop\)  CMD \["\/hello"\]\n\/bin\/sh -c #\(nop\) ADD file:[0-9a-f]{64} in \/ \n$/);
  const c = await config(store, 'hello');
  assert.deepEqual(Object.keys(c), ['architecture', 'config', 'container', 'container_config', 'created', 'docker_version', 'history', 'os', 'rootfs']);
  assert.deepEqual(c.config.Cmd, ['/hello']);
  assert.deepEqual(c.container_config.Cmd, ['/bin/sh', '-c', '#(nop) ', 'CMD ["/hello"]']);
  assert.equal(c.container_config.Hostname, c.container.slice(0, 12));
  assert.equal(c.rootfs.diff_ids.length, 1);
  assert.equal(c.history[1].empty_layer, true);

  const again = await store.ok(['build', '-t', 'hello', ctx]);
  assert.equal(again.match(/ ---> Using cache/g)?.length, 2);
  assert.equal(again.match(/Successfully built (\w+)/)![1], first.match(/Successfully built (\w+)/)![1]);
  const quiet = (await store.ok(['build', '-q', ctx])).trim();
  assert.match(quiet, /^sha256:[0-9a-f]{64}$/);
  assert.ok(quiet.startsWith(`sha256:${first.match(/Successfully built (\w+)/)![1]}`));
  const fresh = await store.ok(['build', '--no-cache', ctx]);
  assert.ok(!fresh.includes('Using cache'));
  assert.notEqual(fresh.match(/Successfully built (\w+)/)![1], first.match(/Successfully built (\w+)/)![1]);
});

test('busybox base: ENV, COPY, WORKDIR, VOLUME, CMD give Docker-shaped config and files', async (t) => {
  if (!need(t, isRoot(), 'layer unpacking needs root')) return;
  const store = new TestStore();
  t.after(() => store.cleanup());
  await importBusybox(store);
  const ctx = contextDir(t, {
    Dockerfile: 'FROM busybox\nENV APP=/opt/app B="two words"\nCOPY a.txt $APP/\nCOPY conf /etc/conf\nWORKDIR $APP\nWORKDIR sub\nVOLUME /data\nCMD ["sh"]\n',
    'a.txt': 'hello\n',
    'conf/a': 'A\n',
    'conf/b/c': 'C\n',
    'skip.log': 'no\n',
    '.dockerignore': '*.log\n',
  });
  const out = await store.ok(['build', '-t', 'app:1', ctx]);
  assert.match(out, /Step 3\/8 : COPY a.txt \$APP\//);
  const c = await config(store, 'app:1');
  assert.deepEqual(c.config.Env, ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'APP=/opt/app', 'B=two words']);
  assert.equal(c.config.WorkingDir, '/opt/app/sub');
  assert.deepEqual(c.config.Volumes, { '/data': {} });
  assert.deepEqual(c.config.Cmd, ['sh']);
  const rows = c.history.map((h: any) => `${h.created_by ?? ''}|${h.empty_layer ? 'empty' : 'layer'}`);
  assert.deepEqual(rows.slice(1), [
    '/bin/sh -c #(nop)  ENV APP=/opt/app B=two words|empty',
    `/bin/sh -c #(nop) COPY file:679c43c79a56cffbb3b002bda3050542c152a2f09757a0f1a9578871f7cda00d in /opt/app/ |layer`,
    rows[3].replace(/dir:[0-9a-f]{64}/, 'dir:X').startsWith('/bin/sh -c #(nop) COPY dir:X in /etc/conf |layer') ? rows[3] : 'bad conf row',
    '/bin/sh -c #(nop) WORKDIR /opt/app|empty',
    '/bin/sh -c #(nop) WORKDIR /opt/app/sub|layer',
    '/bin/sh -c #(nop)  VOLUME [/data]|empty',
    '/bin/sh -c #(nop)  CMD ["sh"]|empty',
  ]);
  // The files, read from the image's layers as `save` exports them.
  const tar = spawnSync('sh', ['-c', `${join(import.meta.dirname, '../../bin/berth')} --root ${store.root} save app:1 | tar -xO --wildcards '*/layer.tar' | tar -ti 2>/dev/null`]);
  const names = tar.stdout.toString();
  for (const n of ['opt/app/a.txt', 'etc/conf/a', 'etc/conf/b/c', 'opt/app/sub/']) assert.ok(names.includes(n), `${n} in layers`);
  assert.ok(!names.includes('skip.log'));
});

test('multi-stage: COPY --from copies only what is asked for', async (t) => {
  if (!need(t, isRoot(), 'layer unpacking needs root')) return;
  const store = new TestStore();
  t.after(() => store.cleanup());
  await importBusybox(store);
  const ctx = contextDir(t, {
    Dockerfile: 'FROM busybox AS build\nCOPY a b /out/\nFROM scratch\nCOPY --from=build /out/a /res/\nCOPY --from=0 /bin/busybox /bin/\n',
    a: 'A\n',
    b: 'B\n',
  });
  const out = await store.ok(['build', '-t', 'multi', ctx]);
  assert.match(out, /Step 3\/5 : FROM scratch\n ---> \n/);
  const c = await config(store, 'multi');
  assert.equal(c.rootfs.diff_ids.length, 2);
  const names = spawnSync('sh', ['-c', `${join(import.meta.dirname, '../../bin/berth')} --root ${store.root} save multi | tar -xO --wildcards '*/layer.tar' | tar -ti`]).stdout.toString().split('\n').filter(Boolean).sort();
  assert.deepEqual(names, ['bin/', 'bin/busybox', 'res/', 'res/a']);
});

test('errors stop the build with Docker messages and exit codes, leaving no tag', async (t) => {
  if (!need(t, isRoot(), 'layer unpacking needs root')) return;
  const store = new TestStore();
  t.after(() => store.cleanup());
  await importBusybox(store);
  const cases: [string, RegExp, number][] = [
    ['FROM busybox\nBOGUS x\n', /^Error: dockerfile parse error line 2: unknown instruction: BOGUS\n$/, 1],
    ['FROM busybox\nENV A=1\nCOPY nope /x\n', /^COPY failed: file not found in build context or excluded by \.dockerignore: stat nope: file does not exist\n$/, 1],
    ['FROM busybox\nCOPY nope* /x\n', /^COPY failed: no source files were specified\n$/, 1],
    ['FROM busybox\nCOPY Dockerfile Dockerfile /x\n', /^When using COPY with more than one source file, the destination must be a directory and end with a \/\n$/, 1],
    ['FROM nosuch/image:1\n', /No such image: nosuch\/image:1/, 1],
    ['RUN true\n', /no build stage in current context/, 1],
  ];
  for (const [df, msg, code] of cases) {
    const ctx = contextDir(t, { Dockerfile: df });
    const r = await store.run(['build', '-t', 'broken', ctx]);
    assert.equal(r.code, code, df);
    assert.match(r.stderr, msg, df);
    assert.ok(!r.stdout.includes('Successfully'), df);
  }
  const images = await store.ok(['images', '--format', '{{.Repository}}']);
  assert.ok(!images.includes('broken'));
});
