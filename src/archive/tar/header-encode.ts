// Encodes a TarHeader into header blocks the way Go's archive/tar does with Format=PAX (what Docker writes): a plain
// ustar block (name/prefix split when that fits) when every field fits, else an 'x' pax header named
// `<dir>/PaxHeaders.0/<base>` followed by the ustar block with truncated ASCII fields.

import { posix } from 'node:path';
import { BerthError } from '../../errors.js';
import type { TarHeader } from './entry.js';
import { TYPE_FLAG, FLAG, dockerModeTypeBits } from './flags.js';
import { BLOCK } from './header-decode.js';
import { fitsOctal, writeNumeric, writeOctal } from './numeric.js';
import { encodePaxRecords, formatPaxTime } from './pax.js';

export interface EncodeOptions {
  /**
   * OR Docker's S_IFMT bits into modes that have none (0644 → 0100644), as moby's archive package does. Where
   * Docker omits them (whiteouts are plain 0600), leave this off and give the full value per entry in `rawMode`.
   */
  modeTypeBits?: boolean;
  /** Keep sub-second mtimes in a pax `mtime` record; by default they are truncated to whole seconds (as moby does). */
  paxMtime?: boolean;
}

/** Keys the codec derives from header fields; callers' `pax` maps cannot override them. */
const DERIVED_KEYS = new Set(['path', 'linkpath', 'size', 'uid', 'gid', 'uname', 'gname', 'mtime']);
const XATTR_PREFIX = 'SCHILY.xattr.';

interface Fields {
  mode: number;
  size: number;
  secs: number;
  ms: number;
}

function checkNoNul(field: string, value: string, name: string): void {
  if (value.includes('\0')) throw new BerthError('INVALID_ARGUMENT', `tar: NUL in ${field} of ${JSON.stringify(name)}`);
}

/** The numeric fields as written, after the checks every entry gets. */
function fieldsOf(h: TarHeader, opts: EncodeOptions): Fields {
  checkNoNul('name', h.name, h.name);
  checkNoNul('linkname', h.linkname, h.name);
  checkNoNul('uname', h.uname, h.name);
  checkNoNul('gname', h.gname, h.name);
  if (h.name === '') throw new BerthError('INVALID_ARGUMENT', 'tar: empty entry name');
  let mode = h.rawMode !== undefined && (h.rawMode & 0o7777) === h.mode ? h.rawMode : h.mode;
  if (opts.modeTypeBits && (mode & 0o170000) === 0) mode |= dockerModeTypeBits(h.type);
  if (!fitsOctal(mode, 8)) throw new BerthError('INVALID_ARGUMENT', `tar: invalid mode ${mode} for ${h.name}`);
  const size = h.type === 'file' ? h.size : 0;
  if (!Number.isSafeInteger(size) || size < 0) throw new BerthError('INVALID_ARGUMENT', `tar: invalid size ${size} for ${h.name}`);
  const ms = h.mtime.getTime();
  if (Number.isNaN(ms)) throw new BerthError('INVALID_ARGUMENT', `tar: invalid mtime for ${h.name}`);
  return { mode, size, secs: Math.floor(ms / 1000), ms };
}

/** The pax records the entry needs (Go's rules), or null when the ustar fields hold everything. */
function paxRecordsOf(h: TarHeader, f: Fields, opts: EncodeOptions): Map<string, Buffer | string> | null {
  let pax: Map<string, Buffer | string> | null = null;
  const set = (k: string, v: Buffer | string) => (pax ??= new Map()).set(k, v);
  if (h.name.length > 100 || !isASCII(h.name)) set('path', h.name);
  if (h.linkname.length > 100 || !isASCII(h.linkname)) set('linkpath', h.linkname);
  if (h.uname.length > 32 || !isASCII(h.uname)) set('uname', h.uname);
  if (h.gname.length > 32 || !isASCII(h.gname)) set('gname', h.gname);
  if (!fitsOctal(h.uid, 8)) set('uid', String(h.uid));
  if (!fitsOctal(h.gid, 8)) set('gid', String(h.gid));
  if (!fitsOctal(f.size, 12)) set('size', String(f.size));
  if (!fitsOctal(f.secs, 12)) set('mtime', formatPaxTime(opts.paxMtime ? f.ms : f.secs * 1000));
  else if (opts.paxMtime && f.ms !== f.secs * 1000) set('mtime', formatPaxTime(f.ms));
  if (h.pax) {
    for (const [k, v] of h.pax) {
      if (!DERIVED_KEYS.has(k) && !k.startsWith(XATTR_PREFIX)) set(checkKey(k), v);
    }
  }
  for (const [k, v] of h.xattrs) set(checkKey(XATTR_PREFIX + k), v);
  return pax;
}

/** The ustar prefix/name split when a pax `path` record is all the entry needs and the split makes it unneeded. */
function ustarSplit(h: TarHeader, pax: Map<string, Buffer | string> | null): [string, string] | undefined | null {
  if (pax === null) return undefined;
  if (pax.size !== 1 || !pax.has('path')) return null;
  return splitUSTARPath(h.name) ?? null;
}

/**
 * Writes the header of an entry that one ustar block holds (no pax records needed: the usual case) at
 * `out[offset, offset + 512)` and returns true; returns false, writing nothing, for one that needs pax records
 * (encodeHeader makes those). Throws, writing nothing, for an invalid header.
 */
export function encodeHeaderInto(h: TarHeader, opts: EncodeOptions, out: Buffer, offset: number): boolean {
  const f = fieldsOf(h, opts);
  const split = ustarSplit(h, paxRecordsOf(h, f, opts));
  if (split === null) return false;
  out.fill(0, offset, offset + BLOCK);
  writeUstar(out, offset, h, f, split);
  return true;
}

/** Header block(s) for one entry: optional pax header + data (padded), then the main block. */
export function encodeHeader(h: TarHeader, opts: EncodeOptions = {}): Buffer {
  const f = fieldsOf(h, opts);
  const pax = paxRecordsOf(h, f, opts);
  const split = ustarSplit(h, pax);
  if (split !== null) {
    const main = Buffer.alloc(BLOCK);
    writeUstar(main, 0, h, f, split);
    return main;
  }
  const main = Buffer.alloc(BLOCK);
  fillMain(main, 0, h, f, toASCII(h.name));
  finish(main, 0);
  const data = encodePaxRecords(pax!);
  const paxBlock = Buffer.alloc(BLOCK);
  const cut = h.name.lastIndexOf('/') + 1;
  const paxName = toASCII(posix.join(h.name.slice(0, cut), 'PaxHeaders.0', h.name.slice(cut)))
    .slice(0, 100)
    .replace(/\/+$/, '');
  paxBlock.write(paxName, 0, 'latin1');
  writeOctal(paxBlock, 100, 8, 0);
  writeOctal(paxBlock, 108, 8, 0);
  writeOctal(paxBlock, 116, 8, 0);
  writeOctal(paxBlock, 124, 12, data.length);
  writeOctal(paxBlock, 136, 12, 0);
  paxBlock[156] = FLAG.paxLocal;
  finish(paxBlock, 0);
  const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
  return Buffer.concat([paxBlock, data, Buffer.alloc(pad), main]);
}

/** The one ustar block of an entry without pax records (`split`: the name as prefix + name), into zeroed bytes. */
function writeUstar(b: Buffer, at: number, h: TarHeader, f: Fields, split: [string, string] | undefined): void {
  const name = split ? split[1] : h.name;
  fillMain(b, at, h, f, name);
  if (split) b.write(split[0], at + 345, 'latin1');
  // Every string here is ASCII and whole (else pax records would carry it), so the bytes that can be non-zero are
  // known: the checksum sums just those.
  let sum = FIXED_SUM + sumOf(b, at, name.length) + sumOf(b, at + 100, 48) + b[at + 156] + sumOf(b, at + 329, 16);
  sum += sumOf(b, at + 157, h.linkname.length) + sumOf(b, at + 265, h.uname.length) + sumOf(b, at + 297, h.gname.length);
  if (split) sum += sumOf(b, at + 345, split[0].length);
  finishWithSum(b, at, sum);
}

function sumOf(b: Buffer, from: number, length: number): number {
  let sum = 0;
  for (let i = from, end = from + length; i < end; i++) sum += b[i];
  return sum;
}

function fillMain(b: Buffer, at: number, h: TarHeader, f: Fields, name: string): void {
  putString(b, at, 100, name);
  writeOctal(b, at + 100, 8, f.mode);
  writeOctal(b, at + 108, 8, h.uid);
  writeOctal(b, at + 116, 8, h.gid);
  writeOctal(b, at + 124, 12, f.size);
  writeOctal(b, at + 136, 12, f.secs);
  b[at + 156] = TYPE_FLAG[h.type];
  if (h.linkname) putString(b, at + 157, 100, toASCII(h.linkname));
  if (h.uname) putString(b, at + 265, 32, toASCII(h.uname));
  if (h.gname) putString(b, at + 297, 32, toASCII(h.gname));
  writeNumeric(b, at + 329, 8, h.devmajor);
  writeNumeric(b, at + 337, 8, h.devminor);
}

const MAGIC = Buffer.from('ustar\x0000', 'latin1');
/** The checksum field (eight spaces while summing) and the magic, which every block has. */
const FIXED_SUM = 8 * 0x20 + MAGIC.reduce((a, c) => a + c, 0);

/** Magic "ustar\0" + version "00", then the checksum (the block's byte sum) as 6 octal digits, NUL, space. */
function finish(b: Buffer, at: number): void {
  b.fill(0x20, at + 148, at + 156);
  MAGIC.copy(b, at + 257);
  finishWithSum(b, at, sumOf(b, at, BLOCK));
}

/** finish with the byte sum known (the checksum field counted as spaces, the magic included). */
function finishWithSum(b: Buffer, at: number, sum: number): void {
  MAGIC.copy(b, at + 257);
  writeOctal(b, at + 148, 7, sum);
  b[at + 155] = 0x20;
}

/** Go's formatString: copy (truncating), NUL-terminate if room; a truncation ending in '/' drops the slashes. */
function putString(b: Buffer, offset: number, width: number, s: string): void {
  b.write(s.length > width ? s.slice(0, width) : s, offset, 'latin1');
  if (s.length > width && s[width - 1] === '/') {
    b[offset + s.slice(0, width).replace(/\/+$/, '').length] = 0;
  }
}

/** POSIX ustar split: prefix (≤155) + '/' + name (≤100, non-empty), for ASCII names over 100 bytes. */
function splitUSTARPath(name: string): [string, string] | undefined {
  if (name.length <= 100 || !isASCII(name)) return undefined;
  let length = name.length;
  if (length > 156) length = 156;
  else if (name[length - 1] === '/') length--;
  const i = name.lastIndexOf('/', length - 1);
  const suffix = name.length - i - 1;
  if (i <= 0 || suffix > 100 || suffix === 0 || i > 155) return undefined;
  return [name.slice(0, i), name.slice(i + 1)];
}

function checkKey(k: string): string {
  if (k === '' || k.includes('=') || k.includes('\0')) throw new BerthError('INVALID_ARGUMENT', `tar: invalid pax key ${JSON.stringify(k)}`);
  return k;
}

function isASCII(s: string): boolean {
  return /^[\x01-\x7f]*$/.test(s);
}

function toASCII(s: string): string {
  return isASCII(s) ? s : s.replace(/[^\x01-\x7f]/g, '');
}
