import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MediaType,
  MANIFEST_ACCEPT,
  baseMediaType,
  isConfigType,
  isForeignLayerType,
  isIndexType,
  isLayerType,
  isManifestType,
  layerCompression,
} from './media-types.js';

test('media types are classified', () => {
  assert.ok(isIndexType(MediaType.OciIndex) && isIndexType(MediaType.DockerManifestList));
  assert.ok(isManifestType(MediaType.OciManifest) && isManifestType(`${MediaType.DockerManifest}; charset=utf-8`));
  assert.ok(!isManifestType(MediaType.DockerSchema1SignedManifest) && !isIndexType(MediaType.OciManifest));
  assert.ok(isConfigType(MediaType.OciConfig) && isConfigType(MediaType.DockerConfig));
  assert.ok(isLayerType(MediaType.DockerLayerForeignGzip) && !isLayerType(MediaType.OciConfig));
  assert.ok(isForeignLayerType(MediaType.OciLayerNonDistributableZstd) && !isForeignLayerType(MediaType.OciLayerGzip));
  assert.equal(layerCompression(MediaType.OciLayer), 'none');
  assert.equal(layerCompression(MediaType.DockerLayerGzip), 'gzip');
  assert.equal(layerCompression(MediaType.OciLayerZstd), 'zstd');
  assert.equal(layerCompression(MediaType.DockerLayerZstd), 'zstd');
  assert.equal(layerCompression('application/octet-stream'), undefined);
  assert.equal(baseMediaType(' Application/JSON ; charset=utf-8'), 'application/json');
  assert.deepEqual(MANIFEST_ACCEPT.filter(isIndexType).length, 2);
});
