import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { createHash, randomBytes } from 'node:crypto';
import { copyImage } from './copy-image.js';
import { BlobVerificationError } from './verified-read.js';
import type { CopyEvent, ImageDestination, ImageSource, ManifestBytes, PartialDescriptor, Reused } from './types.js';
import type { Descriptor } from '../oci/types.js';
import type { Digest } from '../digest/digest.js';

const sha = (b: Uint8Array): Digest => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const TAR = 'application/vnd.oci.image.layer.v1.tar';

/** An image in memory: uncompressed layers (the same blob twice), config, Docker manifest. */
function image(layers: Buffer[]) {
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: layers.map(sha) } }));
  const descs = layers.map((l) => ({ mediaType: TAR, digest: sha(l), size: l.length }));
  const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.docker.distribution.manifest.v2+json', config: { mediaType: 'application/vnd.docker.container.image.v1+json', digest: sha(config), size: config.length }, layers: descs }));
  const blobs = new Map<string, Buffer>([[sha(config), config], ...layers.map((l) => [sha(l), l] as [string, Buffer])]);
  return { config, manifest, blobs };
}

class MemorySource implements ImageSource {
  reads: string[] = [];
  constructor(
    private readonly img: ReturnType<typeof image>,
    private readonly tamper?: (d: string, b: Buffer) => Buffer,
  ) {}
  async manifest(): Promise<ManifestBytes> {
    return { bytes: this.img.manifest, mediaType: 'application/vnd.docker.distribution.manifest.v2+json', digest: sha(this.img.manifest) };
  }
  async blob(desc: Descriptor): Promise<Readable> {
    this.reads.push(desc.digest);
    const b = this.img.blobs.get(desc.digest)!;
    return Readable.from([this.tamper ? this.tamper(desc.digest, b) : b]);
  }
  async [Symbol.asyncDispose]() {}
}

class MemoryDestination implements ImageDestination {
  readonly blobs = new Map<string, Buffer>();
  manifests: ManifestBytes[] = [];
  committed = false;
  constructor(readonly wantsCompressedLayers: boolean) {}
  async tryReuseBlob(desc: Descriptor): Promise<Reused | null> {
    return this.blobs.has(desc.digest) ? { how: 'exists', desc } : null;
  }
  async putBlob(desc: Descriptor | PartialDescriptor, body: Readable): Promise<Descriptor> {
    const chunks: Buffer[] = [];
    for await (const c of body) chunks.push(c as Buffer);
    const b = Buffer.concat(chunks);
    const d = sha(b);
    if (desc.digest && desc.digest !== d) throw new Error('destination saw wrong bytes');
    this.blobs.set(d, b);
    return { mediaType: desc.mediaType, digest: d, size: b.length };
  }
  async putManifest(m: ManifestBytes): Promise<void> {
    this.manifests.push(m);
  }
  async commit() {
    this.committed = true;
  }
  async [Symbol.asyncDispose]() {}
}

test('a blob at two positions moves once; the second position reuses it', async () => {
  const a = randomBytes(5000);
  const b = randomBytes(7000);
  const img = image([a, b, a]);
  const src = new MemorySource(img);
  const dst = new MemoryDestination(false);
  const events: CopyEvent[] = [];
  const r = await copyImage(src, dst, { onEvent: (e) => events.push(e), concurrency: 1 });
  assert.equal(src.reads.filter((d) => d === sha(a)).length, 1);
  assert.equal(r.layersCopied, 2);
  assert.equal(r.manifestDigest, sha(img.manifest), 'nothing changed: the manifest bytes are the source\'s');
  assert.deepEqual(dst.manifests.map((m) => m.digest), [sha(img.manifest)]);
  assert.ok(dst.committed);
  // With one slot, the second distinct layer waited.
  assert.deepEqual(events.filter((e) => e.type === 'layer-wait').map((e) => (e as { index: number }).index), [1]);
  assert.deepEqual(events.filter((e) => e.type === 'layer-pending').map((e) => (e as { index: number }).index), [0, 1]);
});

test('for a destination that wants compressed layers: gzip on the way, a Docker manifest naming the new blobs', async () => {
  const layer = Buffer.from('hello world\n'.repeat(10_000));
  const img = image([layer]);
  const dst = new MemoryDestination(true);
  const r = await copyImage(new MemorySource(img), dst);
  const m = JSON.parse(Buffer.from(dst.manifests[0].bytes).toString());
  assert.equal(m.layers[0].mediaType, 'application/vnd.docker.image.rootfs.diff.tar.gzip');
  assert.deepEqual(gunzipSync(dst.blobs.get(m.layers[0].digest)!), layer);
  assert.equal(m.layers[0].size, dst.blobs.get(m.layers[0].digest)!.length);
  assert.equal(m.config.digest, sha(img.config));
  assert.equal(r.manifestDigest, sha(dst.manifests[0].bytes));
  assert.match(Buffer.from(dst.manifests[0].bytes).toString(), /^\{\n   "schemaVersion": 2,/);
});

test('bytes that do not match their digest fail the copy before anything is committed', async () => {
  const layer = randomBytes(4000);
  const img = image([layer]);
  const bad = (d: string, b: Buffer) => (d === sha(layer) ? Buffer.concat([b.subarray(0, 10), Buffer.from([b[10] ^ 1]), b.subarray(11)]) : b);
  const dst = new MemoryDestination(false);
  await assert.rejects(copyImage(new MemorySource(img, bad), dst), (e) => e instanceof BlobVerificationError && e.message === `filesystem layer verification failed for digest ${sha(layer)}`);
  assert.equal(dst.committed, false);
  assert.deepEqual(dst.manifests, []);
});

test("a config that lists another number of layers than the manifest is Docker's rootfs mismatch", async () => {
  const img = image([randomBytes(10)]);
  const config = Buffer.from(JSON.stringify({ rootfs: { type: 'layers', diff_ids: [] } }));
  const manifest = JSON.parse(img.manifest.toString());
  manifest.config = { ...manifest.config, digest: sha(config), size: config.length };
  img.manifest = Buffer.from(JSON.stringify(manifest));
  img.blobs.set(sha(config), config);
  await assert.rejects(copyImage(new MemorySource(img), new MemoryDestination(false)), { message: "layers from manifest don't match image configuration" });
});
