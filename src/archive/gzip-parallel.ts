// gzip on every core, as pigz does it: the input is cut into blocks, each block is raw-deflated on the libuv pool
// with the previous block's last 32 KiB as its dictionary and ends on a sync flush (the last one finishes the
// stream), and the pieces are joined in order between one gzip header and the CRC-32/size trailer (RFC 1952).
// Any gunzip reads the result as one member.

import { constants, crc32 as zlibCrc32, deflateRaw, type ZlibOptions } from 'node:zlib';
import { promisify } from 'node:util';
import { availableParallelism } from 'node:os';

const deflateRawAsync = promisify(deflateRaw) as (buf: Buffer, opts: ZlibOptions) => Promise<Buffer>;

const WINDOW = 32 * 1024;
/** What Go's compress/gzip writes with no name or time: ID, CM=deflate, no flags, MTIME 0, XFL 0, OS unknown. */
const HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]);

export interface ParallelGzipOptions {
  level?: number;
  /** Bytes of input per block (default 1 MiB). */
  blockSize?: number;
  /** Blocks compressed at once (default: the number of CPUs, at least 2). */
  concurrency?: number;
}

let CRC_TABLE: Uint32Array | null = null;

/** CRC-32 (IEEE) continued from `prev`; zlib's own where Node has it (≥ 20.15), else crc32Table. */
export function crc32(buf: Uint8Array, prev = 0): number {
  return typeof zlibCrc32 === 'function' ? zlibCrc32(buf, prev) : crc32Table(buf, prev);
}

/** CRC-32 (IEEE) with a byte table, for Node versions without zlib.crc32. */
export function crc32Table(buf: Uint8Array, prev = 0): number {
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  let c = ~prev >>> 0;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/** Compresses `input` to one gzip member, several blocks at a time, yielding output in order. */
export async function* gzipParallel(input: AsyncIterable<Uint8Array>, opts: ParallelGzipOptions = {}): AsyncGenerator<Buffer> {
  const level = opts.level ?? constants.Z_DEFAULT_COMPRESSION;
  const blockSize = Math.max(opts.blockSize ?? 1 << 20, WINDOW);
  const concurrency = Math.max(opts.concurrency ?? availableParallelism(), 2);
  const inFlight: Promise<Buffer>[] = [];
  let crc = 0;
  let total = 0;
  let dictionary: Buffer | null = null;
  let held: Buffer | null = null;

  const submit = (block: Buffer, last: boolean) => {
    const o: ZlibOptions = { level, chunkSize: blockSize, finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH };
    if (dictionary) o.dictionary = dictionary;
    const job = deflateRawAsync(block, o);
    job.catch(() => {}); // awaited in order below; this only keeps an early failure from counting as unhandled
    inFlight.push(job);
    dictionary = block.length >= WINDOW ? block.subarray(block.length - WINDOW) : Buffer.concat([dictionary ?? Buffer.alloc(0), block]).subarray(-WINDOW);
  };

  yield HEADER;
  let parts: Buffer[] = [];
  let partsSize = 0;
  for await (const chunk of input) {
    let rest = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    crc = crc32(rest, crc);
    total += rest.length;
    while (rest.length > 0) {
      const take = Math.min(rest.length, blockSize - partsSize);
      parts.push(rest.subarray(0, take));
      partsSize += take;
      rest = rest.subarray(take);
      if (partsSize === blockSize) {
        const block = parts.length === 1 ? Buffer.from(parts[0]) : Buffer.concat(parts, partsSize);
        parts = [];
        partsSize = 0;
        if (held) submit(held, false);
        held = block;
        while (inFlight.length >= concurrency) yield await inFlight.shift()!;
      }
    }
  }
  if (partsSize > 0) {
    if (held) submit(held, false);
    held = Buffer.concat(parts, partsSize);
  }
  submit(held ?? Buffer.alloc(0), true);
  while (inFlight.length > 0) yield await inFlight.shift()!;
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(total % 2 ** 32, 4);
  yield trailer;
}
