// pull and push against a real Distribution registry (no auth), started here on a free loopback port: a round trip
// keeps image IDs and manifest digests, output is Docker's line for line (checked against Docker 20.10 pushing to
// and pulling from the same registry), blobs already there are skipped or mounted, -a works both ways, an index
// resolves to the platform asked for, and the registry's errors read as Docker's.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestStore, busyboxRootfsTar, hasCommand, importBusybox, need } from '../lib/berth.js';
import { TestRegistry, hasRegistry } from '../lib/registry.js';
import { assertCheckOK } from '../lib/store-state.js';
import { dockerArchive, imageConfig, sha256, smallLayer, type ImageSpec } from '../fixtures/archives.js';

let reg: TestRegistry;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'berth-regtest-'));
  if (hasRegistry()) reg = await TestRegistry.start();
});
after(async () => {
  await reg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A two-layer image (busybox + a small layer named `tag`) loaded into `store` as `ref`; returns its ID. */
async function loadImage(store: TestStore, ref: string, tag: string, config: Record<string, unknown> = {}): Promise<string> {
  const spec: ImageSpec = { layers: [{ tar: readFileSync(busyboxRootfsTar()) }, { tar: smallLayer(tag) }], repoTags: [ref], config };
  const file = join(dir, `${tag}.tar`);
  writeFileSync(file, dockerArchive([spec]));
  await store.ok(['load', '-i', file]);
  return sha256(imageConfig(spec));
}

const shortHex = (d: string) => d.slice(7, 19);

test('push then pull: same image ID and manifest digest; Docker output on both sides', async (t) => {
  if (!need(t, hasRegistry(), 'docker-registry is not installed (scripts/setup.sh installs it)')) return;
  const a = new TestStore();
  const b = new TestStore();
  t.after(() => (a.cleanup(), b.cleanup()));
  const ref = `${reg.host}/rt/app:v1`;
  const id = await loadImage(a, ref, 'rt');
  const diffIDs = (JSON.parse(await a.ok(['image', 'inspect', ref])) as { RootFS: { Layers: string[] } }[])[0].RootFS.Layers;

  const push = await a.ok(['push', ref]);
  const lines = push.split('\n').filter(Boolean);
  assert.equal(lines[0], `The push refers to repository [${reg.host}/rt/app]`);
  // Preparing lines top layer first, then each layer pushed, then the digest line.
  assert.deepEqual(lines.slice(1, 3), [`${shortHex(diffIDs[1])}: Preparing`, `${shortHex(diffIDs[0])}: Preparing`]);
  assert.deepEqual(lines.slice(3, 5).sort(), [`${shortHex(diffIDs[0])}: Pushed`, `${shortHex(diffIDs[1])}: Pushed`].sort());
  const m = /^v1: digest: (sha256:[a-f0-9]{64}) size: (\d+)$/.exec(lines[5]);
  assert.ok(m, `digest line: ${lines[5]}`);
  assert.equal(lines.length, 6);

  // What the registry holds under the tag is what push reported, and names the image's config.
  const res = await fetch(`${reg.url}/v2/rt/app/manifests/v1`, { headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json' } });
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.equal(sha256(bytes), m[1]);
  assert.equal(bytes.length, Number(m[2]));
  const manifest = JSON.parse(bytes.toString());
  assert.equal(manifest.config.digest, id);
  assert.equal(manifest.mediaType, 'application/vnd.docker.distribution.manifest.v2+json');
  assert.ok(manifest.layers.every((l: { mediaType: string }) => l.mediaType === 'application/vnd.docker.image.rootfs.diff.tar.gzip'));
  // Docker's push records the RepoDigest too.
  assert.match(await a.ok(['images', '--digests', '--format', '{{.Digest}}', ref]), new RegExp(`^${m[1]}\n$`));

  const pull = await b.ok(['pull', ref]);
  const layerIDs = manifest.layers.map((l: { digest: string }) => shortHex(l.digest));
  const expected = [
    'v1: Pulling from rt/app',
    ...layerIDs.map((l: string) => `${l}: Pulling fs layer`),
    ...layerIDs.flatMap((l: string) => [`${l}: Verifying Checksum`, `${l}: Download complete`, `${l}: Pull complete`]),
    `Digest: ${m[1]}`,
    `Status: Downloaded newer image for ${ref}`,
    ref,
  ];
  const got = pull.split('\n').filter(Boolean);
  assert.deepEqual(got.slice(0, 3), expected.slice(0, 3));
  assert.deepEqual([...got.slice(3, -3)].sort(), [...expected.slice(3, -3)].sort());
  assert.deepEqual(got.slice(-3), expected.slice(-3));
  for (const l of layerIDs) {
    const mine = got.filter((x) => x.startsWith(l)).map((x) => x.slice(14));
    assert.deepEqual(mine, ['Pulling fs layer', 'Verifying Checksum', 'Download complete', 'Pull complete'], `order for ${l}`);
  }
  assert.equal((await b.ok(['images', '-q', '--no-trunc', ref])).trim(), id);
  assert.equal(
    await b.ok(['images', '--digests', '--format', '{{.Repository}} {{.Tag}} {{.Digest}}']),
    `${reg.host}/rt/app v1 ${m[1]}\n`,
  );
  assert.deepEqual(JSON.parse(await b.ok(['image', 'inspect', '--format', '{{json .RepoDigests}}', ref])), [`${reg.host}/rt/app@${m[1]}`]);
  await assertCheckOK(b, true);

  // Again: nothing to do, as Docker says it.
  assert.equal(
    await b.ok(['pull', ref]),
    `v1: Pulling from rt/app\nDigest: ${m[1]}\nStatus: Image is up to date for ${ref}\n${ref}\n`,
  );
  // Pushing back what was pulled sends the same bytes: same digest, every layer already there.
  const again = (await b.ok(['push', ref])).split('\n').filter(Boolean);
  assert.deepEqual(again.slice(3, 5).map((l) => l.slice(14)), ['Layer already exists', 'Layer already exists']);
  assert.equal(again[5], `v1: digest: ${m[1]} size: ${m[2]}`);
});

test('a second repository of the same registry mounts the blobs; -q prints only the reference', async (t) => {
  if (!need(t, hasRegistry(), 'docker-registry is not installed (scripts/setup.sh installs it)')) return;
  const a = new TestStore();
  t.after(() => a.cleanup());
  await loadImage(a, `${reg.host}/mnt/one:1`, 'mnt');
  await a.ok(['push', `${reg.host}/mnt/one:1`]);
  await a.ok(['tag', `${reg.host}/mnt/one:1`, `${reg.host}/mnt/two:1`]);
  const out = (await a.ok(['push', `${reg.host}/mnt/two:1`])).split('\n').filter(Boolean);
  assert.deepEqual(out.slice(3, 5).map((l) => l.slice(14)), ['Mounted from mnt/one', 'Mounted from mnt/one']);
  await a.ok(['tag', `${reg.host}/mnt/one:1`, `${reg.host}/mnt/three:1`]);
  assert.equal(await a.ok(['push', '-q', `${reg.host}/mnt/three:1`]), `${reg.host}/mnt/three:1\n`);
});

test('push -a and pull -a move every tag of a repository', async (t) => {
  if (!need(t, hasRegistry(), 'docker-registry is not installed (scripts/setup.sh installs it)')) return;
  const a = new TestStore();
  const b = new TestStore();
  t.after(() => (a.cleanup(), b.cleanup()));
  const repo = `${reg.host}/all/app`;
  const id1 = await loadImage(a, `${repo}:one`, 'all1');
  const id2 = await loadImage(a, `${repo}:two`, 'all2');
  const push = await a.ok(['push', '-a', repo]);
  assert.match(push, /^The push refers to repository \[[^\]]+\/all\/app\]\n/);
  assert.match(push, /\none: digest: sha256:[a-f0-9]{64} size: \d+\n/);
  assert.match(push, /\ntwo: digest: sha256:[a-f0-9]{64} size: \d+\n$/);
  assert.equal(push.match(/The push refers/g)?.length, 1);

  const pull = await b.ok(['pull', '-a', repo]);
  assert.match(pull, /^one: Pulling from all\/app\n/);
  assert.match(pull, /\ntwo: Pulling from all\/app\n/);
  // The busybox layer both images share is fetched once: the second pull finds it in the store.
  const second = pull.slice(pull.indexOf('two: Pulling from'));
  assert.equal(second.match(/: Already exists\n/g)?.length, 1, second);
  assert.equal(second.match(/: Pull complete\n/g)?.length, 1, second);
  assert.ok(pull.endsWith(`Status: Downloaded newer image for ${repo}\n${repo}\n`), pull);
  const rows = (await b.ok(['images', '--format', '{{.Tag}} {{.ID}}', repo])).split('\n').filter(Boolean).sort();
  assert.deepEqual(rows, [`one ${shortHex(id1)}`, `two ${shortHex(id2)}`]);
});

test('pull by digest: no tag, a RepoDigest, the digest in every line Docker prints it', async (t) => {
  if (!need(t, hasRegistry(), 'docker-registry is not installed (scripts/setup.sh installs it)')) return;
  const a = new TestStore();
  const b = new TestStore();
  t.after(() => (a.cleanup(), b.cleanup()));
  const id = await loadImage(a, `${reg.host}/dig/app:1`, 'dig');
  const digest = /digest: (sha256:[a-f0-9]{64})/.exec(await a.ok(['push', `${reg.host}/dig/app:1`]))![1];
  const ref = `${reg.host}/dig/app@${digest}`;
  const out = await b.ok(['pull', ref]);
  assert.match(out, new RegExp(`^${ref.replace(/[.]/g, '\\.')}: Pulling from dig/app\n`));
  assert.ok(out.endsWith(`Digest: ${digest}\nStatus: Downloaded newer image for ${ref}\n${ref}\n`), out);
  assert.equal(await b.ok(['images', '--digests', '--format', '{{.Repository}} {{.Tag}} {{.Digest}} {{.ID}}']), `${reg.host}/dig/app <none> ${digest} ${shortHex(id)}\n`);
  assert.equal((await b.ok(['image', 'inspect', '--format', '{{.Id}}', ref])).trim(), id);
});

test("the registry's and the CLI's errors, in Docker's words", async (t) => {
  if (!need(t, hasRegistry(), 'docker-registry is not installed (scripts/setup.sh installs it)')) return;
  const a = new TestStore();
  t.after(() => a.cleanup());
  await loadImage(a, `${reg.host}/err/app:1`, 'err');
  await a.ok(['push', `${reg.host}/err/app:1`]);
  const cases: [string[], number, string, string][] = [
    [['pull', `${reg.host}/err/app:nope`], 1, '', `Error response from daemon: manifest for ${reg.host}/err/app:nope not found: manifest unknown: manifest unknown\n`],
    [['pull', `${reg.host}/err/none`], 1, 'Using default tag: latest\n', `Error response from daemon: manifest for ${reg.host}/err/none:latest not found: manifest unknown: manifest unknown\n`],
    [['pull', '-a', `${reg.host}/err/none`], 1, '', `Error response from daemon: repository ${reg.host}/err/none not found: name unknown: repository name not known to registry\n`],
    [['pull', '-a', `${reg.host}/err/app:1`], 1, '', "tag can't be used with --all-tags/-a\n"],
    [['pull', `${reg.host}/err/app@sha256:${'0'.repeat(64)}`], 1, '', `Error response from daemon: manifest for ${reg.host}/err/app@sha256:${'0'.repeat(64)} not found: manifest unknown: manifest unknown\n`],
    [['pull', 'Foo'], 1, '', 'invalid reference format: repository name must be lowercase\n'],
    [['pull', '--platform', 'foo/bar/baz/x', `${reg.host}/err/app:1`], 1, '', 'Error response from daemon: "foo/bar/baz/x": cannot parse platform specifier: invalid argument\n'],
    [['push', `${reg.host}/err/nothing:x`], 1, `The push refers to repository [${reg.host}/err/nothing]\n`, `An image does not exist locally with the tag: ${reg.host}/err/nothing\n`],
    [['push', `${reg.host}/err/app`], 1, `Using default tag: latest\nThe push refers to repository [${reg.host}/err/app]\n`, `tag does not exist: ${reg.host}/err/app:latest\n`],
    [['push', `${reg.host}/err/app@sha256:${'0'.repeat(64)}`], 1, '', 'cannot push a digest reference\n'],
    [['pull', '127.0.0.1:1/x:1'], 1, '', 'Error response from daemon: Get "http://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused\n'],
  ];
  for (const [args, code, stdout, stderr] of cases) {
    const r = await a.run(args);
    assert.deepEqual([r.code, r.stdout, r.stderr], [code, stdout, stderr], args.join(' '));
  }
});

test('an index resolves to the platform asked for; its digest is the RepoDigest', async (t) => {
  if (!need(t, hasRegistry(), 'docker-registry is not installed (scripts/setup.sh installs it)')) return;
  const a = new TestStore();
  t.after(() => a.cleanup());
  const repo = `${reg.host}/multi/app`;
  const amd = await loadImage(a, `${repo}:amd64`, 'multi-amd64', { architecture: 'amd64' });
  const arm = await loadImage(a, `${repo}:arm64`, 'multi-arm64', { architecture: 'arm64', variant: 'v8' });
  const digestOf = (out: string) => /digest: (sha256:[a-f0-9]{64}) size: (\d+)/.exec(out)!;
  const pa = digestOf(await a.ok(['push', `${repo}:amd64`]));
  const pb = digestOf(await a.ok(['push', `${repo}:arm64`]));
  const mt = 'application/vnd.docker.distribution.manifest.v2+json';
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        { mediaType: mt, digest: pb[1], size: Number(pb[2]), platform: { architecture: 'arm64', os: 'linux', variant: 'v8' } },
        { mediaType: mt, digest: pa[1], size: Number(pa[2]), platform: { architecture: 'amd64', os: 'linux' } },
      ],
    }),
  );
  const put = await fetch(`${reg.url}/v2/multi/app/manifests/latest`, {
    method: 'PUT',
    headers: { 'content-type': 'application/vnd.oci.image.index.v1+json' },
    body: index,
  });
  assert.equal(put.status, 201);
  const indexDigest = sha256(index);
  for (const [platform, id] of [['linux/amd64', amd], ['linux/arm64', arm], ['linux/arm64/v8', arm]] as const) {
    const b = new TestStore();
    t.after(() => b.cleanup());
    const out = await b.ok(['pull', '--platform', platform, `${repo}:latest`]);
    assert.match(out, new RegExp(`\nDigest: ${indexDigest}\n`));
    assert.equal((await b.ok(['images', '-q', '--no-trunc'])).trim(), id, platform);
    assert.deepEqual(JSON.parse(await b.ok(['image', 'inspect', '--format', '{{json .RepoDigests}}', `${repo}:latest`])), [`${repo}@${indexDigest}`]);
  }
  const b = new TestStore();
  t.after(() => b.cleanup());
  const r = await b.run(['pull', '--platform', 'linux/s390x', `${repo}:latest`]);
  assert.deepEqual(
    [r.code, r.stdout, r.stderr],
    [1, 'latest: Pulling from multi/app\n', 'no matching manifest for linux/s390x in the manifest list entries\n'],
  );
});

test('a loopback registry over HTTPS with a certificate nobody trusts is insecure, as in Docker: it works', async (t) => {
  if (!need(t, hasRegistry() && hasCommand('openssl'), 'needs docker-registry and openssl (scripts/setup.sh installs them)')) return;
  const tls = await TestRegistry.start({ tls: true });
  t.after(() => tls.stop());
  const a = new TestStore();
  const b = new TestStore();
  t.after(() => (a.cleanup(), b.cleanup()));
  const ref = `${tls.host}/tls/app:1`;
  const id = await importBusybox(a, ref);
  await a.ok(['push', ref]);
  await b.ok(['pull', ref]);
  assert.equal((await b.ok(['images', '-q', '--no-trunc'])).trim(), id);
});

test('OCI manifests pull, and push back unchanged (same bytes, same digest)', async (t) => {
  if (!need(t, hasRegistry(), 'docker-registry is not installed (scripts/setup.sh installs it)')) return;
  const a = new TestStore();
  const b = new TestStore();
  t.after(() => (a.cleanup(), b.cleanup()));
  const id = await loadImage(a, `${reg.host}/oci/app:docker`, 'oci');
  const pushed = /digest: (sha256:[a-f0-9]{64})/.exec(await a.ok(['push', `${reg.host}/oci/app:docker`]))![1];
  const docker = await (await fetch(`${reg.url}/v2/oci/app/manifests/${pushed}`, { headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json' } })).json() as {
    config: { digest: string; size: number };
    layers: { digest: string; size: number }[];
  };
  // The same blobs under an OCI image manifest (OCI media types, another layout of the JSON).
  const oci = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...docker.config },
      layers: docker.layers.map((l) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: l.digest, size: l.size })),
    }),
  );
  const put = await fetch(`${reg.url}/v2/oci/app/manifests/oci`, { method: 'PUT', headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' }, body: oci });
  assert.equal(put.status, 201);
  const out = await b.ok(['pull', `${reg.host}/oci/app:oci`]);
  assert.match(out, new RegExp(`\\nDigest: ${sha256(oci)}\\n`));
  assert.equal((await b.ok(['images', '-q', '--no-trunc'])).trim(), id);
  await b.ok(['tag', `${reg.host}/oci/app:oci`, `${reg.host}/oci/copy:1`]);
  assert.match(await b.ok(['push', `${reg.host}/oci/copy:1`]), new RegExp(`\\n1: digest: ${sha256(oci)} size: ${oci.length}\\n`));
});

test('an uncompressed layer is compressed once: the gzip blob is kept and the next push sends it as it is', async (t) => {
  if (!need(t, hasRegistry(), 'docker-registry is not installed (scripts/setup.sh installs it)')) return;
  const a = new TestStore();
  t.after(() => a.cleanup());
  await loadImage(a, `${reg.host}/kept/one:1`, 'kept');
  const layerRecords = () =>
    readdirSync(join(a.root, 'layers'))
      .filter((n) => n.endsWith('.json'))
      .map((n) => JSON.parse(readFileSync(join(a.root, 'layers', n), 'utf8')) as { blobs: { digest: string; mediaType: string; repos?: string[] }[] });
  assert.ok(layerRecords().every((r) => r.blobs.every((b) => b.mediaType === 'application/vnd.oci.image.layer.v1.tar')));
  const first = /digest: (sha256:[a-f0-9]{64})/.exec(await a.ok(['push', `${reg.host}/kept/one:1`]))![1];
  for (const r of layerRecords()) {
    const gz = r.blobs.filter((b) => b.mediaType === 'application/vnd.docker.image.rootfs.diff.tar.gzip');
    assert.equal(gz.length, 1);
    assert.deepEqual(gz[0].repos, [`${reg.host}/kept/one`]);
    assert.ok(existsSync(join(a.root, 'blobs/sha256', gz[0].digest.slice(7))));
  }
  await assertCheckOK(a, true);
  // Another registry: nothing to mount from, the kept blobs go up as they are (the same manifest digest).
  const other = await TestRegistry.start();
  t.after(() => other.stop());
  await a.ok(['tag', `${reg.host}/kept/one:1`, `${other.host}/kept/one:1`]);
  assert.match(await a.ok(['push', `${other.host}/kept/one:1`]), new RegExp(`\\n1: digest: ${first} size:`));
});
