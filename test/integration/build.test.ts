// berth build end to end: FROM scratch + ADD + CMD, a busybox build with COPY/ENV/WORKDIR/VOLUME/CMD, the cache
// (same IDs on rebuild, --no-cache), multi-stage COPY --from, errors that leave nothing tagged, RUN through real
// containers (history rows, files, build args, /etc bind mounts, volumes, failures, cache) and FROM pulling.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, copyFileSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { TestStore, importBusybox, isRoot, need, hasCommand } from '../lib/berth.js';
import { TestRegistry, hasRegistry } from '../lib/registry.js';
import { assertCheckOK } from '../lib/store-state.js';

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
    `/bin/sh -c #(nop) COPY file:00ec16333078d287782d462baefc8bb9eb0231dc3aefba3ca3e2f7e5cf0cadda in /opt/app/ |layer`,
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
    ['FROM busybox\nBOGUS x\n', /^Error response from daemon: dockerfile parse error line 2: unknown instruction: BOGUS\n$/, 1],
    ['FROM busybox\nENV A=1\nCOPY nope /x\n', /^COPY failed: file not found in build context or excluded by \.dockerignore: stat nope: file does not exist\n$/, 1],
    ['FROM busybox\nCOPY nope* /x\n', /^COPY failed: no source files were specified\n$/, 1],
    ['FROM busybox\nCOPY Dockerfile Dockerfile /x\n', /^When using COPY with more than one source file, the destination must be a directory and end with a \/\n$/, 1],
    ['FROM 127.0.0.1:1/nosuch/image:1\n', /^Get "http:\/\/127\.0\.0\.1:1\/v2\/": dial tcp 127\.0\.0\.1:1: connect: connection refused\n$/, 1],
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

/** RUN needs root, overlayfs and runc, as `berth run` does. */
function canRun(t: import('node:test').TestContext): boolean {
  if (!need(t, isRoot(), 'containers need root')) return false;
  if (!need(t, readFileSync('/proc/filesystems', 'utf8').includes('overlay'), 'overlayfs is not available')) return false;
  return need(t, hasCommand('runc'), 'runc is not installed');
}

/** The entries of each layer of `ref` as `save` exports them, top layer last. */
function layerEntries(store: TestStore, ref: string): string[][] {
  const dir = mkdtempSync(join(tmpdir(), 'berth-build-save-'));
  try {
    const r = spawnSync('sh', ['-c', `${join(import.meta.dirname, '../../bin/berth')} --root ${store.root} save ${ref} | tar -x -C ${dir}`]);
    assert.equal(r.status, 0, r.stderr.toString());
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))[0];
    return manifest.Layers.map((l: string) => spawnSync('tar', ['-tf', join(dir, l)]).stdout.toString().split('\n').filter(Boolean).sort());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const volumesLeft = (store: TestStore) => spawnSync('sh', ['-c', `ls -A ${store.root}/volumes 2>/dev/null`]).stdout.toString().trim();

test('RUN (shell and exec form, SHELL, build args, USER, VOLUME) builds what Docker\'s classic builder builds', async (t) => {
  if (!canRun(t)) return;
  const store = new TestStore();
  t.after(() => store.cleanup());
  await importBusybox(store);
  const ctx = contextDir(t, {
    Dockerfile: [
      'FROM busybox',
      'ENV E1=env1',
      'ARG V=1',
      'RUN echo hi "$V" "$E1" > /made.txt && env > /env.txt',
      'RUN ["/bin/sh", "-c", "echo exec > /exec.txt"]',
      'SHELL ["/bin/sh", "-xc"]',
      'RUN echo shell-x > /shell.txt',
      'COPY a.txt /opt/',
      'WORKDIR /opt/w',
      'VOLUME /vol',
      'RUN echo v > /vol/x && echo 10.1.2.3 extra >> /etc/hosts && echo new > n && cat /etc/hosts > hosts-seen',
      'USER nobody',
      'RUN id -un',
      'RUN true',
      'CMD ["cat", "/made.txt"]',
      '',
    ].join('\n'),
    'a.txt': 'A\n',
  });
  const first = await store.run(['build', '--build-arg', 'V=2', '-t', 'ran:1', ctx]);
  assert.equal(first.code, 0, first.stderr);
  assert.equal(first.stderr, '');
  // Each RUN ran in its own container, removed once its image was committed.
  const runs = [...first.stdout.matchAll(/ ---> Running in ([0-9a-f]{12})\n/g)].map((m) => m[1]);
  for (const id of runs) assert.ok(first.stdout.includes(`Removing intermediate container ${id}\n`), id);
  // The command's output is streamed; its stderr (here `sh -x`'s trace) in red, as the daemon's stderr writer sends it.
  assert.match(first.stdout, /Step 13\/15 : RUN id -un\n ---> Running in [0-9a-f]{12}\n(.|\n)*nobody\n/);
  assert.ok(first.stdout.includes('\x1b[91m'), 'stderr in red');
  assert.match(first.stdout, /Successfully tagged ran:1\n$/);

  const c = await config(store, 'ran:1');
  const rows = c.history.slice(1).map((h: any) => `${h.created_by}|${h.empty_layer ? 'empty' : 'layer'}`);
  assert.deepEqual(rows, [
    '/bin/sh -c #(nop)  ENV E1=env1|empty',
    '/bin/sh -c #(nop)  ARG V=1|empty',
    '|1 V=2 /bin/sh -c echo hi "$V" "$E1" > /made.txt && env > /env.txt|layer',
    '|1 V=2 /bin/sh -c echo exec > /exec.txt|layer',
    '/bin/sh -xc #(nop)  SHELL [/bin/sh -xc]|empty',
    '|1 V=2 /bin/sh -xc echo shell-x > /shell.txt|layer',
    '/bin/sh -xc #(nop) COPY file:aec08426edefc75f205424b22fe8c93576ea0fd9822f7721f72d73f3aae898ea in /opt/ |layer',
    '/bin/sh -xc #(nop) WORKDIR /opt/w|layer',
    '/bin/sh -xc #(nop)  VOLUME [/vol]|empty',
    '|1 V=2 /bin/sh -xc echo v > /vol/x && echo 10.1.2.3 extra >> /etc/hosts && echo new > n && cat /etc/hosts > hosts-seen|layer',
    '/bin/sh -xc #(nop)  USER nobody|empty',
    '|1 V=2 /bin/sh -xc id -un|empty',
    '|1 V=2 /bin/sh -xc true|empty',
    '/bin/sh -xc #(nop)  CMD ["cat" "/made.txt"]|empty',
  ]);
  // Build args reach RUN's environment but not the image's; the RUN container's hostname is its short ID.
  assert.deepEqual(c.config.Env, ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'E1=env1']);
  assert.equal(c.config.User, 'nobody');
  assert.deepEqual(c.container_config.Cmd, ['/bin/sh', '-xc', '#(nop) ', 'CMD ["cat" "/made.txt"]']);

  const layers = layerEntries(store, 'ran:1');
  assert.equal(layers.length, 7);
  assert.deepEqual(layers.slice(1), [
    ['env.txt', 'made.txt'],
    ['exec.txt'],
    ['shell.txt'],
    ['opt/', 'opt/a.txt'],
    ['opt/', 'opt/w/'],
    // /etc/hosts is a bind mount and /vol a volume: neither write is in the layer (the mount point /vol/ is).
    ['opt/', 'opt/w/', 'opt/w/hosts-seen', 'opt/w/n', 'vol/'],
  ]);

  // The image runs (as USER nobody, CMD) and holds what RUN wrote, run under the build's args and env.
  assert.equal(await store.ok(['run', '--rm', 'ran:1']), 'hi 2 env1\n');
  assert.equal(await store.ok(['run', '--rm', '--user', 'root', 'ran:1', 'cat', '/exec.txt', '/shell.txt', '/opt/w/n']), 'exec\nshell-x\nnew\n');
  const env = (await store.ok(['run', '--rm', 'ran:1', 'cat', '/env.txt'])).split('\n');
  assert.ok(env.includes('V=2') && env.includes('E1=env1'), env.join(','));
  const seenHost = env.find((l) => l.startsWith('HOSTNAME='))!.slice('HOSTNAME='.length);
  assert.equal(seenHost, first.stdout.match(/Step 4\/15 : RUN [^\n]*\n ---> Running in ([0-9a-f]{12})\n/)![1]);
  // The RUN saw its own /etc/hosts change; the image keeps no trace of it, nor of the volume's file.
  assert.match(await store.ok(['run', '--rm', 'ran:1', 'cat', '/opt/w/hosts-seen']), /10\.1\.2\.3 extra/);
  assert.doesNotMatch(await store.ok(['run', '--rm', 'ran:1', 'cat', '/etc/hosts']), /extra/);
  assert.equal((await store.run(['run', '--rm', 'ran:1', 'ls', '/vol/x'])).code, 1);

  // Nothing of the RUN containers is left: no container, writable layer or anonymous volume.
  assert.equal(await store.ok(['ps', '-aq']), '');
  assert.equal(volumesLeft(store), '');
  await assertCheckOK(store);

  // A rebuild with nothing changed takes every step from the cache and gives the same image.
  const again = await store.ok(['build', '--build-arg', 'V=2', '-t', 'ran:1', ctx]);
  assert.equal(again.match(/ ---> Using cache\n/g)?.length, 14);
  assert.ok(!again.includes('Running in'));
  assert.equal(again.match(/Successfully built (\w+)/)![1], first.stdout.match(/Successfully built (\w+)/)![1]);
  // Another build arg value is another RUN (the `|1 V=3` key): the cache stops there.
  const other = await store.ok(['build', '--build-arg', 'V=3', ctx]);
  assert.match(other, /Step 4\/15 : RUN echo hi[^\n]*\n ---> Running in /);
});

test('a failing RUN stops the build with Docker\'s message and exit code; its container stays unless --force-rm', async (t) => {
  if (!canRun(t)) return;
  const store = new TestStore();
  t.after(() => store.cleanup());
  await importBusybox(store);
  const ctx = contextDir(t, { Dockerfile: 'FROM busybox\nVOLUME /data\nRUN echo out; echo err >&2; exit 3\nCMD ["sh"]\n' });
  const r = await store.run(['build', '-t', 'failed:1', ctx]);
  assert.equal(r.code, 3);
  assert.equal(r.stderr, "The command '/bin/sh -c echo out; echo err >&2; exit 3' returned a non-zero code: 3\n");
  const runStep = /Step 3\/4 : RUN [^\n]*\n ---> Running in ([0-9a-f]{12})\n/;
  assert.match(r.stdout, runStep);
  assert.ok(r.stdout.includes('out\n') && r.stdout.includes('\x1b[91merr\n\x1b[0m'), r.stdout);
  const id = r.stdout.match(runStep)![1];
  assert.ok(!r.stdout.includes('Removing intermediate container ' + id));
  assert.ok(!r.stdout.includes('Step 4/4'));
  assert.equal(await store.ok(['images', '--format', '{{.Repository}}', 'failed']), '');
  // As Docker's builder does, the failed step's container is kept (exited with the command's code) for inspection.
  const kept = await store.ok(['ps', '-a', '--format', '{{.ID}}|{{.Image}}|{{.Status}}|{{.Command}}']);
  assert.match(kept, new RegExp(`^${id}\\|[0-9a-f]{12}\\|Exited \\(3\\) [^|]+ ago\\|"/bin/sh -c 'echo ou…"\n$`));
  await assertCheckOK(store);
  await store.ok(['rm', '-v', id]);
  assert.equal(volumesLeft(store), '');

  // --force-rm removes it, with its writable layer and anonymous volume; the store stays consistent.
  const forced = await store.run(['build', '--force-rm', '-t', 'failed:1', ctx]);
  assert.equal(forced.code, 3);
  const fid = forced.stdout.match(runStep)![1];
  assert.match(forced.stdout, new RegExp(`Removing intermediate container ${fid}\\n$`));
  assert.equal(await store.ok(['ps', '-aq']), '');
  assert.equal(volumesLeft(store), '');
  const overlay = spawnSync('sh', ['-c', `ls ${store.root}/overlay | grep -v '^l$' | grep -c .`]).stdout.toString().trim();
  assert.equal(overlay, '1', 'only the busybox layer is left in overlay/');
  await assertCheckOK(store);

  // A command that cannot start: the runtime's message as Docker prints it, exit 1.
  const noexec = contextDir(t, { Dockerfile: 'FROM busybox\nRUN ["/nonexistent", "x"]\n' });
  const n = await store.run(['build', '--force-rm', noexec]);
  assert.equal(n.code, 1);
  assert.equal(
    n.stderr,
    'failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/nonexistent": stat /nonexistent: no such file or directory: unknown\n',
  );
  const net = await store.run(['build', '--force-rm', '--network', 'bogus', ctx]);
  assert.equal(net.code, 1);
  assert.equal(net.stderr, 'network bogus not found\n');
  assert.equal(await store.ok(['ps', '-aq']), '');
  await assertCheckOK(store);
});

test('RUN --network: none has only loopback, host shares the host\'s network and hostname', async (t) => {
  if (!canRun(t)) return;
  const store = new TestStore();
  t.after(() => store.cleanup());
  await importBusybox(store);
  const ctx = contextDir(t, { Dockerfile: 'FROM busybox\nRUN ls /sys/class/net > /nets && hostname > /host\n' });
  await store.ok(['build', '--network', 'none', '-t', 'net:none', ctx]);
  assert.equal(await store.ok(['run', '--rm', 'net:none', 'cat', '/nets']), 'lo\n');
  await store.ok(['build', '--no-cache', '--network', 'host', '-t', 'net:host', ctx]);
  assert.equal(await store.ok(['run', '--rm', 'net:host', 'cat', '/host']), `${hostname()}\n`);
  assert.notEqual(await store.ok(['run', '--rm', 'net:host', 'cat', '/nets']), 'lo\n');
});

test('FROM an image missing here pulls it with Docker\'s lines; a missing repository fails as Docker\'s does', async (t) => {
  if (!need(t, isRoot(), 'layer unpacking needs root')) return;
  if (!need(t, hasRegistry(), 'docker-registry is not installed (scripts/setup.sh installs it)')) return;
  const reg = await TestRegistry.start();
  const a = new TestStore();
  const b = new TestStore();
  t.after(async () => {
    a.cleanup();
    b.cleanup();
    await reg.stop();
  });
  const ref = `${reg.host}/bb/busybox:1`;
  const id = await importBusybox(a, ref);
  await a.ok(['push', ref]);
  const ctx = contextDir(t, { Dockerfile: `FROM ${ref}\nENV A=1\n` });
  const out = await b.ok(['build', ctx]);
  const lines = out.split('\n');
  assert.equal(lines[1], `Step 1/2 : FROM ${ref}`);
  assert.equal(lines[2], '1: Pulling from bb/busybox');
  assert.match(lines[3], /^[0-9a-f]{12}: Pulling fs layer$/);
  assert.ok(lines.some((l) => /^[0-9a-f]{12}: Pull complete$/.test(l)));
  const digest = lines.findIndex((l) => /^Digest: sha256:[0-9a-f]{64}$/.test(l));
  assert.ok(digest > 3, out);
  assert.equal(lines[digest + 1], `Status: Downloaded newer image for ${ref}`);
  assert.equal(lines[digest + 2], ` ---> ${id.slice(7, 19)}`);
  assert.equal((await b.ok(['images', '-q', '--no-trunc', ref])).trim(), id);
  // --pull asks the registry again even though the image is here now.
  const pulled = await b.ok(['build', '--pull', ctx]);
  assert.match(pulled, /\nStatus: Image is up to date for [^\n]+\n ---> [0-9a-f]{12}\nStep 2\/2 : ENV A=1\n ---> Using cache\n/);

  const missing = contextDir(t, { Dockerfile: `FROM ${reg.host}/bb/nosuch:1\n` });
  const r = await b.run(['build', missing]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, `manifest for ${reg.host}/bb/nosuch:1 not found: manifest unknown: manifest unknown\n`);
});

test('a context tar on stdin builds (regression: peeking at stdin to tell a tar from a Dockerfile destroyed it)', async (t) => {
  if (!need(t, isRoot(), 'layer unpacking needs root')) return;
  const store = new TestStore();
  t.after(() => store.cleanup());
  await importBusybox(store);
  const ctx = contextDir(t, { Dockerfile: 'FROM busybox\nCOPY big.txt /\n', 'big.txt': 'x'.repeat(200_000) });
  for (const gzip of [false, true]) {
    const tar = spawnSync('sh', ['-c', `tar -C ${ctx} -cf - . ${gzip ? '| gzip' : ''}`], { maxBuffer: 1 << 24 }).stdout;
    const r = await store.run(['build', '-t', 'stdin:1', '-'], { input: tar });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Successfully tagged stdin:1\n$/);
  }
  const names = layerEntries(store, 'stdin:1').pop();
  assert.deepEqual(names, ['big.txt']);
});
