import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  parseImageConfig,
  parseArchiveManifest,
  parseManifest,
  parseOciIndex,
  parseManifestOrIndex,
  parseOciLayoutHeader,
  parseDescriptor,
  MAX_JSON_BYTES,
} from './validate.js';
import { MediaType } from './media-types.js';
import { sha256, type Digest } from '../digest/digest.js';
import { isBerthError } from '../errors.js';

const BENCH = '/tmp/berth-bench';
const APP = join(BENCH, 'app.tar');
const DEBIAN = join(BENCH, 'debian.tar');
const REGISTRY = join(BENCH, 'registry/data/docker/registry/v2');
const D = (c: string): Digest => `sha256:${c.repeat(64)}`;

function member(archive: string, name: string): Buffer {
  return execFileSync('tar', ['-xOf', archive, name], { maxBuffer: 64 * 1024 * 1024 });
}

function rejects(fn: () => unknown, message: string) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(isBerthError(e, 'INVALID_ARGUMENT'), String(e));
    assert.equal(e.message, message);
    return true;
  });
}

const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));

function config(patch: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    architecture: 'amd64',
    os: 'linux',
    created: '2024-01-02T03:04:05.123456789Z',
    config: { Env: ['PATH=/bin'], Cmd: ['/bin/sh'], Entrypoint: null, Labels: null },
    rootfs: { type: 'layers', diff_ids: [D('a'), D('b'), D('c')] },
    history: [{ created: '2024-01-02T03:04:05Z', created_by: '/bin/sh -c #(nop) ADD x' }],
    ...patch,
  };
}

function manifest(patch: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemaVersion: 2,
    mediaType: MediaType.DockerManifest,
    config: { mediaType: MediaType.DockerConfig, size: 10, digest: D('1') },
    layers: [{ mediaType: MediaType.DockerLayerGzip, size: 20, digest: D('2') }],
    ...patch,
  };
}

test('the real docker save archives validate', (t) => {
  if (!existsSync(APP)) return t.skip(`${APP} is absent (made by the bench setup)`);
  for (const archive of [APP, DEBIAN].filter((p) => existsSync(p))) {
    const items = parseArchiveManifest(member(archive, 'manifest.json'));
    assert.equal(items.length, 1);
    const [item] = items;
    const bytes = member(archive, item.Config);
    assert.equal(sha256(bytes), `sha256:${item.Config.replace(/\.json$/, '')}`);
    const cfg = parseImageConfig(bytes);
    assert.equal(cfg.rootfs.diff_ids.length, item.Layers.length);
    assert.equal(cfg.os, 'linux');
    assert.ok(item.RepoTags && item.RepoTags.length === 1);
    assert.equal(item.Parent, undefined);
  }
  const cfg = parseImageConfig(member(APP, parseArchiveManifest(member(APP, 'manifest.json'))[0].Config));
  assert.equal(cfg.history?.length, 8);
  assert.equal(cfg.history?.filter((h) => !h.empty_layer).length, 4);
  assert.equal(cfg.config?.Entrypoint, null);
  assert.deepEqual(cfg.config?.Cmd, ['/bin/sh']);
  assert.deepEqual(cfg.config?.Volumes, { '/data': {} });
  assert.equal(cfg.config?.WorkingDir, '/opt/app');
  assert.equal(cfg.config?.Hostname, '');
  assert.equal(cfg.docker_version, '20.10.24+dfsg1');
  assert.deepEqual(cfg.container_config?.Labels, {});
});

test('the real registry manifest validates and names the config', (t) => {
  const link = join(REGISTRY, 'repositories/bench/app/_manifests/tags/1/current/link');
  if (!existsSync(link)) return t.skip(`${link} is absent (made by the bench setup)`);
  const digest = readFileSync(link, 'utf8').trim();
  const hex = digest.slice(7);
  const bytes = readFileSync(join(REGISTRY, 'blobs/sha256', hex.slice(0, 2), hex, 'data'));
  assert.equal(sha256(bytes), digest);
  const m = parseManifest(bytes, MediaType.DockerManifest);
  assert.equal(m.mediaType, MediaType.DockerManifest);
  assert.equal(m.layers.length, 4);
  assert.ok(m.layers.every((l) => l.mediaType === MediaType.DockerLayerGzip && l.size > 0));
  const either = parseManifestOrIndex(bytes, `${MediaType.DockerManifest}; charset=utf-8`);
  assert.equal(either.kind, 'manifest');
  if (existsSync(APP)) {
    const item = parseArchiveManifest(member(APP, 'manifest.json'))[0];
    assert.equal(m.config.digest, `sha256:${item.Config.replace(/\.json$/, '')}`);
  }
});

test('image config: lenient where Docker is', () => {
  const cfg = parseImageConfig(
    enc(
      config({
        config: { Cmd: 'echo hi', Entrypoint: '/init', Shell: null, Hostname: 'x', Unknown: { a: 1 } },
        'moby.buildkit.buildinfo.v1': 'e30=',
        created: null,
      }),
    ),
  );
  assert.deepEqual(cfg.config?.Cmd, ['echo hi']);
  assert.deepEqual(cfg.config?.Entrypoint, ['/init']);
  assert.equal((cfg.config as Record<string, unknown>).Unknown !== undefined, true);
  assert.equal((cfg as unknown as Record<string, unknown>)['moby.buildkit.buildinfo.v1'], 'e30=');
  assert.deepEqual(parseImageConfig(enc({ rootfs: { type: 'layers' } })).rootfs.diff_ids, []);
  assert.deepEqual(parseImageConfig(enc({ rootfs: { type: 'layers', diff_ids: null } })).rootfs.diff_ids, []);
  assert.equal(parseImageConfig(JSON.stringify(config())).architecture, 'amd64');
});

test('image config: strict on what berth relies on', () => {
  const bad: [unknown, string][] = [
    [config({ rootfs: { type: 'layers', diff_ids: [D('a'), D('b'), 'sha256:abc'] } }), 'rootfs.diff_ids[2]: invalid digest'],
    [config({ rootfs: { type: 'layers', diff_ids: [D('a'), 'md5:' + 'a'.repeat(32)] } }), 'rootfs.diff_ids[1]: invalid digest'],
    [config({ rootfs: undefined }), 'rootfs: required'],
    [config({ rootfs: { type: 'foo', diff_ids: [] } }), 'rootfs.type: must be "layers"'],
    [config({ rootfs: { diff_ids: [] } }), 'rootfs.type: required'],
    [config({ rootfs: { type: 'layers', diff_ids: Array(1001).fill(D('a')) } }), 'rootfs.diff_ids: too many entries (more than 1000)'],
    [config({ history: {} }), 'history: expected array, got object'],
    [config({ history: [{}, { empty_layer: 'yes' }] }), 'history[1].empty_layer: expected boolean, got string'],
    [config({ created: 'yesterday' }), 'created: invalid timestamp'],
    [config({ config: { Cmd: 5 } }), 'config.Cmd: expected a string or an array of strings'],
    [config({ config: { Env: 'A=1' } }), 'config.Env: expected array, got string'],
    [config({ config: { Labels: { 'com.example.x': 1 } } }), 'config.Labels.com.example.x: expected string, got number'],
    [config({ config: { Labels: { 'a b': null } } }), 'config.Labels["a b"]: expected string, got null'],
    [config({ architecture: 64 }), 'architecture: expected string, got number'],
    [[], 'expected object, got array'],
    [null, 'expected object, got null'],
  ];
  for (const [doc, detail] of bad) rejects(() => parseImageConfig(enc(doc)), `invalid image config: ${detail}`);
  rejects(() => parseImageConfig('{"rootfs":'), `invalid image config: ${jsonError('{"rootfs":')}`);
  rejects(() => parseImageConfig('\uFEFF{}'), `invalid image config: ${jsonError('\uFEFF{}')}`);
  const big = new Uint8Array(MAX_JSON_BYTES + 1).fill(0x20);
  rejects(() => parseImageConfig(big), `invalid image config: ${MAX_JSON_BYTES + 1} bytes is more than the limit of ${MAX_JSON_BYTES}`);
  const small = enc(config());
  rejects(() => parseImageConfig(small, 100), `invalid image config: ${small.length} bytes is more than the limit of 100`);
});

function jsonError(text: string): string {
  try {
    JSON.parse(text);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('parsed');
}

test('manifests: shape, digests, sizes, counts, media types', () => {
  const m = parseManifest(enc(manifest({ annotations: { a: 'b' }, extra: true })));
  assert.equal(m.config.digest, D('1'));
  assert.equal((m as unknown as Record<string, unknown>).extra, true);
  assert.deepEqual(parseManifest(enc(manifest({ layers: null }))).layers, []);
  const oci = manifest({ mediaType: MediaType.OciManifest });
  assert.equal(parseManifest(enc(oci), MediaType.OciManifest).mediaType, MediaType.OciManifest);
  assert.equal(parseManifest(enc({ ...oci, mediaType: undefined }), MediaType.OciManifest).layers.length, 1);
  assert.equal(parseManifest(enc(oci), 'application/octet-stream').layers.length, 1);

  const bad: [unknown, string][] = [
    [manifest({ layers: [{ mediaType: 'x', digest: D('2'), size: -1 }] }), 'layers[0].size: must be a non-negative integer'],
    [manifest({ layers: [{ mediaType: 'x', digest: D('2'), size: 1.5 }] }), 'layers[0].size: must be a non-negative integer'],
    [manifest({ layers: [{ mediaType: 'x', digest: D('2'), size: '1' }] }), 'layers[0].size: must be a non-negative integer'],
    [manifest({ layers: [{ mediaType: 'x', digest: D('2') }] }), 'layers[0].size: required'],
    [manifest({ layers: [{ digest: D('2'), size: 1 }] }), 'layers[0].mediaType: required'],
    [manifest({ config: { mediaType: 'x', digest: 'sha256:abc', size: 1 } }), 'config.digest: invalid digest'],
    [manifest({ config: { mediaType: 'x', size: 1 } }), 'config.digest: required'],
    [manifest({ config: undefined }), 'config: required'],
    [manifest({ schemaVersion: 3 }), 'schemaVersion: must be 2'],
    [manifest({ schemaVersion: 1 }), 'schema version 1 manifests are not supported'],
    [manifest({ manifests: [] }), 'expected a manifest, found an index'],
    [manifest({ mediaType: MediaType.OciIndex }), 'expected a manifest, found an index'],
    [manifest({ layers: Array(1001).fill({ mediaType: 'x', digest: D('2'), size: 1 }) }), 'layers: too many entries (more than 1000)'],
    [manifest({ annotations: { a: 1 } }), 'annotations.a: expected string, got number'],
    [manifest({ layers: [{ mediaType: 'x', digest: D('2'), size: 1, platform: { os: 'linux' } }] }), 'layers[0].platform.architecture: required'],
  ];
  for (const [doc, detail] of bad) rejects(() => parseManifest(enc(doc)), `invalid manifest: ${detail}`);
  rejects(
    () => parseManifest(enc(oci), MediaType.DockerManifest),
    `invalid manifest: mediaType "${MediaType.OciManifest}" does not match "${MediaType.DockerManifest}"`,
  );
});

test('indexes and manifest lists', () => {
  const list = {
    schemaVersion: 2,
    mediaType: MediaType.DockerManifestList,
    manifests: [
      { mediaType: MediaType.DockerManifest, size: 7, digest: D('a'), platform: { architecture: 'amd64', os: 'linux' } },
      { mediaType: MediaType.DockerManifest, size: 7, digest: D('b'), platform: { architecture: 'arm64', os: 'linux', variant: 'v8' } },
    ],
  };
  const idx = parseOciIndex(enc(list), MediaType.DockerManifestList);
  assert.equal(idx.manifests[1].platform?.variant, 'v8');
  const either = parseManifestOrIndex(enc(list));
  assert.equal(either.kind, 'index');
  assert.equal(parseManifestOrIndex(enc({ ...list, mediaType: undefined })).kind, 'index');
  assert.equal(parseManifestOrIndex(enc({ ...list, mediaType: undefined }), MediaType.OciIndex).kind, 'index');
  assert.equal(parseManifestOrIndex(enc(manifest({ mediaType: undefined }))).kind, 'manifest');
  rejects(() => parseOciIndex(enc(manifest())), 'invalid index: expected an index, found a manifest');
  rejects(() => parseOciIndex(enc({ schemaVersion: 2, manifests: [{ size: 1 }] })), 'invalid index: manifests[0].mediaType: required');
  rejects(
    () => parseOciIndex(enc({ ...list, manifests: Array(1001).fill(list.manifests[0]) })),
    'invalid index: manifests: too many entries (more than 1000)',
  );
  rejects(
    () => parseManifestOrIndex(enc(list), MediaType.OciManifest),
    `invalid manifest: mediaType "${MediaType.DockerManifestList}" does not match "${MediaType.OciManifest}"`,
  );
});

test('docker-archive manifest.json', () => {
  const ok = parseArchiveManifest(
    enc([
      { Config: 'a.json', RepoTags: null, Layers: null },
      { Config: 'b.json', RepoTags: ['x:1'], Layers: ['l/layer.tar'], Parent: D('c'), LayerSources: { [D('d')]: { mediaType: MediaType.DockerLayerForeignGzip, size: 1, digest: D('e'), urls: ['https://x'] } } },
      { Config: 'c.json', RepoTags: [], Layers: [], Parent: '' },
    ]),
  );
  assert.deepEqual(ok[0], { Config: 'a.json', RepoTags: null, Layers: [] });
  assert.equal(ok[1].Parent, D('c'));
  assert.equal(ok[1].LayerSources?.[D('d')].urls?.[0], 'https://x');
  assert.equal(ok[2].Parent, undefined);
  const bad: [unknown, string][] = [
    [{}, 'expected array, got object'],
    [[{ RepoTags: [], Layers: [] }], '[0].Config: required'],
    [[{ Config: '', Layers: [] }], '[0].Config: empty path'],
    [[{ Config: 'a', Layers: ['x', 7] }], '[0].Layers[1]: expected string, got number'],
    [[{ Config: 'a', Layers: [], Parent: 'abc' }], '[0].Parent: invalid digest'],
    [[{ Config: 'a', Layers: [], LayerSources: { 'sha256:abc': { mediaType: 'x', size: 1, digest: D('e') } } }], '[0].LayerSources["sha256:abc"]: invalid digest'],
    [Array(1001).fill({ Config: 'a', Layers: [] }), 'too many entries (more than 1000)'],
  ];
  for (const [doc, detail] of bad) rejects(() => parseArchiveManifest(enc(doc)), `invalid archive manifest: ${detail}`);
});

test('oci-layout header and descriptors', () => {
  assert.equal(parseOciLayoutHeader('{"imageLayoutVersion": "1.0.0"}').imageLayoutVersion, '1.0.0');
  rejects(() => parseOciLayoutHeader('{}'), 'invalid oci-layout: imageLayoutVersion: required');
  assert.equal(parseDescriptor(enc({ mediaType: 'x', digest: D('f'), size: 0 })).size, 0);
  rejects(() => parseDescriptor(enc({ mediaType: 'x', digest: D('f'), size: 2 ** 53 })), 'invalid descriptor: size: must be a non-negative integer');
});
