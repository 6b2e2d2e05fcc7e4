import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { dockerManifestBytes } from './docker-manifest.js';

// What Docker 20.10 pushed for a two-layer image (127.0.0.1:5055/probe/small:v1), byte for byte.
const DOCKER_PUSHED = "{\n   \"schemaVersion\": 2,\n   \"mediaType\": \"application/vnd.docker.distribution.manifest.v2+json\",\n   \"config\": {\n      \"mediaType\": \"application/vnd.docker.container.image.v1+json\",\n      \"size\": 1698,\n      \"digest\": \"sha256:9d91195f1b916ebb16dbf31b9e099d7a72598ceb71ce0a778b05cdab6256ae46\"\n   },\n   \"layers\": [\n      {\n         \"mediaType\": \"application/vnd.docker.image.rootfs.diff.tar.gzip\",\n         \"size\": 300295,\n         \"digest\": \"sha256:1f6aa698cb93e2651618776fdc8abfa1008c50c12d7792b21ea7863b8a993693\"\n      },\n      {\n         \"mediaType\": \"application/vnd.docker.image.rootfs.diff.tar.gzip\",\n         \"size\": 200296,\n         \"digest\": \"sha256:3d692e8f705330c3601e3059ff8efe13e419bd0bee571d16feb985c57e4a97f2\"\n      }\n   ]\n}";

test('writes a schema 2 manifest byte-identical to the one Docker pushed', () => {
  const m = JSON.parse(DOCKER_PUSHED);
  const out = dockerManifestBytes(m.config, m.layers);
  assert.equal(out.toString('utf8'), DOCKER_PUSHED);
  assert.equal(
    'sha256:' + createHash('sha256').update(out).digest('hex'),
    'sha256:29cc7ae8efa3ae1192859f4547ba58b9d0b2a615f2649ed8bbf88c871886ad54',
  );
});

test('an image without layers has an empty list', () => {
  const cfg = { mediaType: 'application/vnd.docker.container.image.v1+json', size: 2, digest: `sha256:${'a'.repeat(64)}` as const };
  const m = JSON.parse(dockerManifestBytes(cfg, []).toString());
  assert.deepEqual(m.layers, []);
  assert.equal(m.schemaVersion, 2);
});
