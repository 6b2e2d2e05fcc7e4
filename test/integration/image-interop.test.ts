// Interop of load/save with the other tools: every archive layout loads to the same image ID (classic, Docker 25's
// OCI-in-docker, plain OCI, podman's, a gzip-compressed archive, zstd layer blobs: fixtures written here from a
// busybox rootfs), skopeo reads berth's save and berth reads skopeo's OCI archives, and with a reachable Docker
// daemon, `berth save` → `docker load` and `docker save` → `berth load` keep the image ID (Docker's tests skip
// with a printed reason when /usr/bin/docker has no daemon, as in CI).

import { test, before, after, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { TestStore, busyboxRootfsTar, hasCommand, importBusybox, runCommand } from '../lib/berth.js';
import { assertCheckOK } from '../lib/store-state.js';
import { dockerArchive, imageConfig, sha256, smallLayer, type ImageSpec, type Layout } from '../fixtures/archives.js';

const DOCKER = '/usr/bin/docker';
let dir: string;
let bb: ImageSpec;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-interop-'));
  bb = { layers: [{ tar: readFileSync(busyboxRootfsTar()) }, { tar: smallLayer('app', { 'etc/app.conf': 'x=1\n' }) }], repoTags: ['interop/bb:1'] };
});
after(() => rmSync(dir, { recursive: true, force: true }));

const dockerUp = () => existsSync(DOCKER) && spawnSync(DOCKER, ['info'], { stdio: 'ignore', timeout: 20_000 }).status === 0;

/** Docker-dependent tests skip with a printed reason (need() would fail them under BERTH_REQUIRE_ROOT=1). */
function skipUnless(t: TestContext, ok: boolean, reason: string): boolean {
  if (ok) return true;
  console.log(`# skip: ${reason}`);
  t.skip(reason);
  return false;
}

async function docker(args: string[], input?: Buffer): Promise<string> {
  const r = await runCommand(DOCKER, args, { input });
  if (r.code !== 0) throw new Error(`docker ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

test('every archive layout loads to the same image, layers and tags', async (t) => {
  const id = sha256(imageConfig(bb));
  const variants: [string, Buffer][] = [];
  for (const layout of ['classic', 'oci-docker', 'oci', 'podman'] as Layout[]) variants.push([layout, dockerArchive([bb], { layout })]);
  variants.push(['gzip-compressed classic archive', gzipSync(dockerArchive([bb]))]);
  const compressed: ImageSpec = { ...bb, layers: [{ ...bb.layers[0], compression: 'zstd' }, { ...bb.layers[1], compression: 'gzip' }] };
  variants.push(['oci-docker with zstd and gzip layer blobs', dockerArchive([compressed], { layout: 'oci-docker' })]);
  variants.push(['plain OCI with zstd layer blobs', dockerArchive([compressed], { layout: 'oci' })]);
  for (const [what, archive] of variants) {
    const store = new TestStore();
    t.after(() => store.cleanup());
    const file = join(dir, `${what.replace(/\W+/g, '-')}.tar`);
    writeFileSync(file, archive);
    const out = await store.ok(['load', '-i', file]);
    assert.equal(out, 'Loaded image: interop/bb:1\n', what);
    assert.equal((await store.ok(['images', '-q', '--no-trunc'])).trim(), id, what);
    assert.equal(
      (await store.ok(['image', 'inspect', '-f', '{{json .RootFS.Layers}}', 'interop/bb:1'])).trim(),
      JSON.stringify(bb.layers.map((l) => sha256(l.tar))),
      what,
    );
    await assertCheckOK(store, true);
    // The bottom layer's tree holds busybox, executable, with its applets as symlinks to it.
    const bottom = join(store.root, 'overlay', sha256(bb.layers[0].tar).slice(7), 'diff');
    assert.ok(statSync(join(bottom, 'bin/busybox')).mode & 0o111, what);
    assert.equal(readlinkSync(join(bottom, 'bin/sh')), 'busybox', what);
  }
});

test('save writes the stored layers back byte for byte, whatever layout they came in', async (t) => {
  const classic = join(dir, 'classic.tar');
  writeFileSync(classic, dockerArchive([bb]));
  const a = new TestStore();
  const b = new TestStore();
  t.after(() => (a.cleanup(), b.cleanup()));
  await a.ok(['load', '-i', classic]);
  const oci = join(dir, 'zstd.tar');
  writeFileSync(oci, dockerArchive([{ ...bb, layers: bb.layers.map((l) => ({ ...l, compression: 'zstd' as const })) }], { layout: 'oci-docker' }));
  await b.ok(['load', '-i', oci]);
  await a.ok(['save', '-o', join(dir, 'a-saved.tar'), 'interop/bb:1']);
  await b.ok(['save', '-o', join(dir, 'b-saved.tar'), 'interop/bb:1']);
  // Same image, one from plain layers and one from zstd blobs: the classic archives berth writes are identical.
  assert.ok(readFileSync(join(dir, 'a-saved.tar')).equals(readFileSync(join(dir, 'b-saved.tar'))));
  // And berth reads its own output back to the same image.
  const c = new TestStore();
  t.after(() => c.cleanup());
  assert.equal(await c.ok(['load', '-i', join(dir, 'a-saved.tar')]), 'Loaded image: interop/bb:1\n');
  assert.equal((await c.ok(['images', '-q', '--no-trunc'])).trim(), sha256(imageConfig(bb)));
});

test('skopeo reads berth save output; berth loads skopeo OCI archives (zstd layers too)', async (t) => {
  if (!skipUnless(t, hasCommand('skopeo'), 'skopeo is not installed')) return;
  const store = new TestStore();
  t.after(() => store.cleanup());
  const src = join(dir, 'sk-src.tar');
  writeFileSync(src, dockerArchive([bb]));
  await store.ok(['load', '-i', src]);
  const saved = join(dir, 'sk-saved.tar');
  await store.ok(['save', '-o', saved, 'interop/bb:1']);
  const info = JSON.parse((await runCommand('skopeo', ['inspect', `docker-archive:${saved}`])).stdout);
  assert.deepEqual(info.Layers, bb.layers.map((l) => sha256(l.tar)));
  assert.equal(info.Architecture, 'amd64');
  assert.deepEqual(info.Env, ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']);
  const rawConfig = (await runCommand('skopeo', ['inspect', '--config', '--raw', `docker-archive:${saved}`])).stdout;
  assert.equal(sha256(rawConfig), sha256(imageConfig(bb)), 'skopeo sees the config bytes berth stored');

  for (const extra of [[], ['--dest-compress-format', 'zstd', '--dest-compress']]) {
    const oci = join(dir, `sk-oci-${extra.length}.tar`);
    rmSync(oci, { force: true });
    const r = await runCommand('skopeo', ['copy', '-q', ...extra, `docker-archive:${saved}`, `oci-archive:${oci}:interop`]);
    assert.equal(r.code, 0, r.stderr);
    const s = new TestStore();
    t.after(() => s.cleanup());
    // skopeo rewrites the config for OCI (another image ID) and names it by tag only: an untagged image.
    const out = await s.ok(['load', '-i', oci]);
    assert.match(out, /^Loaded image ID: sha256:[0-9a-f]{64}\n$/);
    assert.equal(
      (await s.ok(['image', 'inspect', '-f', '{{json .RootFS.Layers}}', out.trim().slice(-71)])).trim(),
      JSON.stringify(bb.layers.map((l) => sha256(l.tar))),
    );
    await assertCheckOK(s, true);
  }
});

test('docker load of berth save output keeps the image ID', async (t) => {
  if (!skipUnless(t, dockerUp(), `no Docker daemon reachable through ${DOCKER}`)) return;
  const store = new TestStore();
  t.after(() => store.cleanup());
  const tag = `berth-interop/bb:${randomBytes(4).toString('hex')}`;
  const id = await importBusybox(store, tag, ['CMD ["/bin/sh"]', 'ENV A=1', 'WORKDIR /tmp']);
  const saved = join(dir, 'to-docker.tar');
  await store.ok(['save', '-o', saved, tag]);
  t.after(() => spawnSync(DOCKER, ['rmi', tag], { stdio: 'ignore' }));
  assert.equal(await docker(['load', '-i', saved]), `Loaded image: ${tag}\n`);
  assert.equal((await docker(['image', 'inspect', '-f', '{{.Id}}', tag])).trim(), id);
  // Docker's own save of it is byte-identical to berth's.
  const r = spawnSync(DOCKER, ['save', tag], { maxBuffer: 1 << 30 });
  assert.ok(r.stdout.equals(readFileSync(saved)), 'docker save differs from berth save');
});

test('berth load of docker save output keeps the image ID and layers', async (t) => {
  if (!skipUnless(t, dockerUp(), `no Docker daemon reachable through ${DOCKER}`)) return;
  const tag = `berth-interop/src:${randomBytes(4).toString('hex')}`;
  await docker(['import', '-c', 'CMD ["/bin/sh"]', busyboxRootfsTar(), tag]);
  t.after(() => spawnSync(DOCKER, ['rmi', tag], { stdio: 'ignore' }));
  const id = (await docker(['image', 'inspect', '-f', '{{.Id}}', tag])).trim();
  const file = join(dir, 'from-docker.tar');
  await docker(['save', '-o', file, tag]);
  const store = new TestStore();
  t.after(() => store.cleanup());
  assert.equal(await store.ok(['load', '-i', file]), `Loaded image: ${tag}\n`);
  assert.equal((await store.ok(['images', '-q', '--no-trunc', tag])).trim(), id);
  assert.equal(
    (await store.ok(['image', 'inspect', '-f', '{{json .RootFS.Layers}}', tag])).trim(),
    (await docker(['image', 'inspect', '-f', '{{json .RootFS.Layers}}', tag])).trim(),
  );
  await assertCheckOK(store, true);
  // And back: berth's save of the loaded image is the archive Docker wrote.
  await store.ok(['save', '-o', join(dir, 'round.tar'), tag]);
  assert.ok(readFileSync(join(dir, 'round.tar')).equals(readFileSync(file)), 'berth save differs from docker save');
});

test('the benchmark app image: docker save and berth save are the same bytes', async (t) => {
  const app = '/tmp/berth-bench/app.tar';
  if (!skipUnless(t, existsSync(app), `${app} is not there (made by the benchmark setup)`)) return;
  const store = new TestStore();
  t.after(() => store.cleanup());
  assert.equal(await store.ok(['load', '-i', app]), 'Loaded image: bench/app:1\n');
  const out = join(dir, 'app-saved.tar');
  await store.ok(['save', '-o', out, 'bench/app:1']);
  assert.ok(readFileSync(out).equals(readFileSync(app)), 'berth save of bench/app:1 differs from the docker save it was loaded from');
  await assertCheckOK(store);
});

test('load refuses an image of 126 layers with Docker\'s "max depth exceeded" and keeps nothing of it; 125 load', async (t) => {
  const store = new TestStore();
  t.after(() => store.cleanup());
  const deep = (n: number): ImageSpec => ({ layers: Array.from({ length: n }, (_, i) => ({ tar: smallLayer(`deep${i}`) })), repoTags: [`deep:${n}`] });
  const dir = mkdtempSync(join(tmpdir(), 'berth-deep-load-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, '126.tar'), dockerArchive([deep(126)]));
  writeFileSync(join(dir, '125.tar'), dockerArchive([deep(125)]));
  const refused = await store.run(['load', '-i', join(dir, '126.tar')]);
  assert.equal(refused.code, 1);
  assert.equal(refused.stderr, 'Error: max depth exceeded\n');
  assert.equal((await store.ok(['images', '-q'])).trim(), '');
  assert.equal(await store.ok(['load', '-q', '-i', join(dir, '125.tar')]), 'Loaded image: deep:125\n');
  await assertCheckOK(store);
});
