// Compression of layer blobs and archives: sniff the magic bytes, decompress a stream whatever it is (gzip through
// node:zlib, zstd/xz/bzip2 through their command-line tools), and compress to gzip or zstd.

import { PassThrough, Readable, pipeline, type Duplex } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { BerthError } from '../errors.js';
import { ChildFilter } from './child-filter.js';

export type CompressionKind = 'gzip' | 'zstd' | 'xz' | 'bzip2' | 'none';

/** Bytes `sniff` needs to tell every kind apart. */
export const SNIFF_BYTES = 6;

/** The compression a stream starts with, from its first bytes (fewer than SNIFF_BYTES may give 'none'). */
export function sniff(head: Uint8Array): CompressionKind {
  const b = (i: number) => (i < head.length ? head[i] : -1);
  if (b(0) === 0x1f && b(1) === 0x8b) return 'gzip';
  if (b(0) === 0x28 && b(1) === 0xb5 && b(2) === 0x2f && b(3) === 0xfd) return 'zstd';
  // zstd skippable frames: magic 0x184D2A50..0x184D2A5F, little-endian.
  if ((b(0) & 0xf0) === 0x50 && b(1) === 0x2a && b(2) === 0x4d && b(3) === 0x18) return 'zstd';
  if (b(0) === 0xfd && b(1) === 0x37 && b(2) === 0x7a && b(3) === 0x58 && b(4) === 0x5a && b(5) === 0x00) return 'xz';
  if (b(0) === 0x42 && b(1) === 0x5a && b(2) === 0x68 && b(3) >= 0x31 && b(3) <= 0x39) return 'bzip2';
  return 'none';
}

/**
 * Peeks at the first bytes of `input` (they stay in the stream) and returns the decompressed stream, or `input`
 * itself when it is not compressed. Errors of the input or of the decompressor surface on the returned stream;
 * destroying the returned stream tears down the input too.
 */
export async function decompressStream(input: Readable): Promise<{ kind: CompressionKind; stream: Readable }> {
  const { head, stream } = await peek(input, SNIFF_BYTES);
  const kind = sniff(head);
  switch (kind) {
    case 'none':
      return { kind, stream };
    case 'gzip':
      return { kind, stream: gunzip(stream) };
    case 'zstd':
      return { kind, stream: chain(stream, new ChildFilter('zstd', ['-dc', '-q'], 'zstd decompression', 'DATA_LOSS')) };
    case 'xz':
      return { kind, stream: chain(stream, new ChildFilter('xz', ['-dc', '-q'], 'xz decompression', 'DATA_LOSS')) };
    case 'bzip2':
      return { kind, stream: chain(stream, new ChildFilter('bzip2', ['-dc', '-q'], 'bzip2 decompression', 'DATA_LOSS')) };
  }
}

/** A Duplex that compresses what is written to it. zstd runs `zstd -c -T0` (level 3 unless given). */
export function compressStream(kind: 'gzip' | 'zstd', opts: { level?: number } = {}): Duplex {
  if (kind === 'gzip') return createGzip(opts.level === undefined ? {} : { level: opts.level });
  const args = ['-c', '-q', '-T0', `-${opts.level ?? 3}`];
  return new ChildFilter('zstd', args, 'zstd compression', 'INTERNAL');
}

/**
 * node:zlib's gunzip, with its failures (truncated or corrupt input: plain Errors with a Z_* code and a stack) turned
 * into one-line BerthErrors; a consumer that gives up tears the source down too.
 */
function gunzip(source: Readable): Readable {
  const z = createGunzip({ chunkSize: 256 * 1024 });
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  pipeline(source, z, (err) => {
    if (err) out.destroy(err instanceof BerthError ? err : new BerthError('DATA_LOSS', `gzip: ${gzipMessage(err)}`));
  });
  z.pipe(out);
  out.on('close', () => {
    if (!out.readableEnded) z.destroy();
  });
  return out;
}

function gzipMessage(err: NodeJS.ErrnoException): string {
  if (err.code === 'Z_BUF_ERROR') return 'unexpected EOF';
  return err.message;
}

function chain(source: Readable, filter: Duplex): Readable {
  pipeline(source, filter, () => {});
  return filter;
}

/** Reads until `n` bytes (or EOF) arrived, then puts them back; an ended input is replaced by a fresh stream. */
async function peek(input: Readable, n: number): Promise<{ head: Buffer; stream: Readable }> {
  if (input.destroyed) throw input.errored ?? new BerthError('DATA_LOSS', 'input closed before its end');
  const chunks: Buffer[] = [];
  let length = 0;
  let ended = input.readableEnded;
  if (!ended) await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      if (length >= n) done();
    };
    const onEnd = () => {
      ended = true;
      done();
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const onClose = () => onError(input.errored ?? new BerthError('DATA_LOSS', 'input closed before its end'));
    const cleanup = () => {
      input.off('data', onData);
      input.off('end', onEnd);
      input.off('error', onError);
      input.off('close', onClose);
    };
    const done = () => {
      input.pause();
      cleanup();
      resolve();
    };
    input.on('data', onData);
    input.on('end', onEnd);
    input.on('error', onError);
    input.on('close', onClose);
  });
  const head = Buffer.concat(chunks);
  // 'end' may have been emitted after the last chunk was taken; data cannot be put back into an ended stream.
  if (ended || input.readableEnded) return { head, stream: Readable.from(head.length ? [head] : [], { objectMode: false }) };
  if (head.length) input.unshift(head);
  return { head, stream: input };
}
