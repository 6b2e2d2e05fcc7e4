// One pass over a layer blob as received: keep the bytes as a blob, decompress (gzip, zstd or none), hash the
// tar (diffID) and unpack it into a fresh directory, all while the bytes stream by.

import type { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { ContentStore } from '../content/store.js';
import { BlobTee } from '../content/blob-tee.js';
import { HashStream } from '../digest/hash-stream.js';
import type { Digest } from '../digest/digest.js';
import { decompressStream } from '../archive/compression.js';
import { readTar } from '../archive/tar/read.js';
import { applyLayer } from './apply.js';
import { WritebackPacer } from '../sys/writeback.js';

export interface UnpackedLayer {
  diffID: Digest;
  /** The blob as received (what save/push send again). */
  blob: { digest: Digest; size: number; mediaType: string };
  /** Bytes of the uncompressed tar. */
  tarSize: number;
  /** Layer size as Docker counts it. */
  size: number;
  compression: string;
  implicitDirs: string[];
}

const MEDIA_TYPES: Record<string, string> = {
  none: 'application/vnd.oci.image.layer.v1.tar',
  gzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  zstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
};

export async function unpackLayer(
  content: ContentStore,
  raw: Readable,
  dir: string,
  opts: {
    staging: string;
    expectedBlob?: Digest;
    expectedSize?: number;
    mediaType?: string;
    /** Publish the blob at once (default), or leave it to the commit that uses it (WriterOptions.publish). */
    publish?: boolean;
  },
): Promise<UnpackedLayer> {
  await using writer = await content.writer({
    staging: opts.staging,
    expected: opts.expectedBlob,
    size: opts.expectedSize,
    publish: opts.publish,
  });
  // The blob and the unpacked files land on the store's filesystem: let the disk start on them as they come.
  const pacer = new WritebackPacer(opts.staging);
  const tee = new BlobTee(writer, (n) => pacer.add(n));
  const streams: (Readable | Writable)[] = [raw, tee];
  const fail = (e: Error) => streams.forEach((s) => s.destroy(e));
  raw.on('error', fail);
  tee.on('error', fail);
  raw.pipe(tee);
  let applied: Awaited<ReturnType<typeof applyLayer>>;
  let kind: string;
  // An uncompressed blob is the tar itself: its digest is the diffID, hashed once by the blob writer.
  let hasher: HashStream | null = null;
  try {
    const d = await decompressStream(tee);
    kind = d.kind;
    let tar = d.stream;
    if (kind !== 'none') {
      hasher = new HashStream();
      streams.push(d.stream, hasher);
      d.stream.on('error', fail);
      hasher.on('error', fail);
      tar = d.stream.pipe(hasher);
    }
    // readTar reads its input to EOF, so the hash covers anything after the end-of-archive blocks too.
    [applied] = await Promise.all([applyLayer(readTar(tar), dir), finished(tee)]);
  } catch (e) {
    fail(e as Error);
    throw e;
  }
  const blob = await writer.commit();
  return {
    diffID: hasher ? hasher.digest() : blob.digest,
    blob: { ...blob, mediaType: opts.mediaType ?? MEDIA_TYPES[kind] ?? MEDIA_TYPES.none },
    tarSize: hasher ? hasher.size : blob.size,
    size: applied.size,
    compression: kind,
    implicitDirs: applied.implicitDirs,
  };
}
