// Decodes one 512-byte header block (v7, POSIX ustar, old GNU) into raw fields, verifying its checksum.
// Field layout: POSIX ustar (IEEE 1003.1 "ustar Interchange Format"); GNU's 'ustar  \0' magic has no prefix field.

import { badHeader } from './errors.js';
import { parseNumeric } from './numeric.js';

export type HeaderFormat = 'ustar' | 'gnu' | 'v7';

export interface RawHeader {
  typeflag: number;
  name: string;
  linkname: string;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  /** Seconds since the epoch. */
  mtime: number;
  uname: string;
  gname: string;
  devmajor: number;
  devminor: number;
  format: HeaderFormat;
}

export const BLOCK = 512;

/** True when all 512 bytes are zero (an end-of-archive block). */
export function isZeroBlock(block: Buffer): boolean {
  for (let i = 0; i < BLOCK; i++) if (block[i] !== 0) return false;
  return true;
}

export function decodeHeader(block: Buffer, offset: number): RawHeader {
  verifyChecksum(block, offset);
  const format = detectFormat(block);
  let name = cstring(block, 0, 100);
  if (format === 'ustar' && block[345] !== 0) name = `${cstring(block, 345, isStar(block) ? 476 : 500)}/${name}`;
  const extended = format !== 'v7';
  const h: RawHeader = {
    typeflag: block[156],
    name,
    linkname: cstring(block, 157, 257),
    mode: num(block, 100, 108, offset, 'mode'),
    uid: num(block, 108, 116, offset, 'uid'),
    gid: num(block, 116, 124, offset, 'gid'),
    size: num(block, 124, 136, offset, 'size'),
    mtime: num(block, 136, 148, offset, 'mtime'),
    uname: extended ? cstring(block, 265, 297) : '',
    gname: extended ? cstring(block, 297, 329) : '',
    devmajor: extended ? num(block, 329, 337, offset, 'devmajor') : 0,
    devminor: extended ? num(block, 337, 345, offset, 'devminor') : 0,
    format,
  };
  if (h.size < 0) throw badHeader(offset, `negative size ${h.size}`);
  return h;
}

function verifyChecksum(block: Buffer, offset: number): void {
  let sum = 0;
  let high = 0;
  for (let i = 0; i < BLOCK; i++) {
    const b = block[i];
    sum += b;
    high += b >>> 7;
  }
  for (let i = 148; i < 156; i++) {
    sum -= block[i];
    high -= block[i] >>> 7;
  }
  sum += 8 * 0x20;
  const stored = parseNumeric(block, 148, 156);
  if (Number.isNaN(stored)) throw badHeader(offset, 'malformed checksum field');
  // Some old tars summed signed chars; POSIX says unsigned. Accept either.
  if (stored !== sum && stored !== sum - 256 * high) {
    throw badHeader(offset, `checksum mismatch (stored ${stored}, computed ${sum})`);
  }
}

function detectFormat(block: Buffer): HeaderFormat {
  if (block[257] !== 0x75 || block[258] !== 0x73 || block[259] !== 0x74 || block[260] !== 0x61 || block[261] !== 0x72) {
    return 'v7';
  }
  if (block[262] === 0) return 'ustar';
  if (block[262] === 0x20 && block[263] === 0x20 && block[264] === 0) return 'gnu';
  return 'v7';
}

/** star's ustar variant keeps atime/ctime after a 131-byte prefix and ends the block with "tar\0". */
function isStar(block: Buffer): boolean {
  return block[508] === 0x74 && block[509] === 0x61 && block[510] === 0x72 && block[511] === 0;
}

function cstring(block: Buffer, start: number, end: number): string {
  const nul = block.indexOf(0, start);
  return block.toString('utf8', start, nul === -1 || nul > end ? end : nul);
}

function num(block: Buffer, start: number, end: number, offset: number, field: string): number {
  const v = parseNumeric(block, start, end);
  if (Number.isNaN(v)) throw badHeader(offset, `malformed ${field} field`);
  return v;
}
