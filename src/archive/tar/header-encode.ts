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

/** Header block(s) for one entry: optional pax header + data (padded), then the main block. */
export function encodeHeader(h: TarHeader, opts: EncodeOptions = {}): Buffer {
  for (const [field, value] of [['name', h.name], ['linkname', h.linkname], ['uname', h.uname], ['gname', h.gname]]) {
    if (value.includes('\0')) throw new BerthError('INVALID_ARGUMENT', `tar: NUL in ${field} of ${JSON.stringify(h.name)}`);
  }
  if (h.name === '') throw new BerthError('INVALID_ARGUMENT', 'tar: empty entry name');
  let mode = h.rawMode !== undefined && (h.rawMode & 0o7777) === h.mode ? h.rawMode : h.mode;
  if (opts.modeTypeBits && (mode & 0o170000) === 0) mode |= dockerModeTypeBits(h.type);
  if (!fitsOctal(mode, 8)) throw new BerthError('INVALID_ARGUMENT', `tar: invalid mode ${mode} for ${h.name}`);
  const size = h.type === 'file' ? h.size : 0;
  if (!Number.isSafeInteger(size) || size < 0) throw new BerthError('INVALID_ARGUMENT', `tar: invalid size ${size} for ${h.name}`);
  const ms = h.mtime.getTime();
  if (Number.isNaN(ms)) throw new BerthError('INVALID_ARGUMENT', `tar: invalid mtime for ${h.name}`);
  const secs = Math.floor(ms / 1000);

  const pax = new Map<string, Buffer | string>();
  if (!isASCII(h.name) || h.name.length > 100) pax.set('path', h.name);
  if (!isASCII(h.linkname) || h.linkname.length > 100) pax.set('linkpath', h.linkname);
  if (!isASCII(h.uname) || h.uname.length > 32) pax.set('uname', h.uname);
  if (!isASCII(h.gname) || h.gname.length > 32) pax.set('gname', h.gname);
  if (!fitsOctal(h.uid, 8)) pax.set('uid', String(h.uid));
  if (!fitsOctal(h.gid, 8)) pax.set('gid', String(h.gid));
  if (!fitsOctal(size, 12)) pax.set('size', String(size));
  if (!fitsOctal(secs, 12)) pax.set('mtime', formatPaxTime(opts.paxMtime ? ms : secs * 1000));
  else if (opts.paxMtime && ms !== secs * 1000) pax.set('mtime', formatPaxTime(ms));
  for (const [k, v] of h.pax ?? []) {
    if (!DERIVED_KEYS.has(k) && !k.startsWith(XATTR_PREFIX)) pax.set(checkKey(k), v);
  }
  for (const [k, v] of h.xattrs) pax.set(checkKey(XATTR_PREFIX + k), v);

  const split = splitUSTARPath(h.name);
  const ustarOnly = pax.size === 0 || (pax.size === 1 && pax.has('path') && split !== undefined);
  const main = Buffer.alloc(BLOCK);
  const fields = { mode, size, secs };
  if (ustarOnly) {
    fillMain(main, h, fields, split ? split[1] : h.name);
    if (split) main.write(split[0], 345, 'latin1');
    finish(main);
    return main;
  }
  fillMain(main, h, fields, toASCII(h.name));
  finish(main);
  const data = encodePaxRecords(pax);
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
  finish(paxBlock);
  const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
  return Buffer.concat([paxBlock, data, Buffer.alloc(pad), main]);
}

function fillMain(b: Buffer, h: TarHeader, f: { mode: number; size: number; secs: number }, name: string): void {
  putString(b, 0, 100, name);
  writeOctal(b, 100, 8, f.mode);
  writeOctal(b, 108, 8, h.uid);
  writeOctal(b, 116, 8, h.gid);
  writeOctal(b, 124, 12, f.size);
  writeOctal(b, 136, 12, f.secs);
  b[156] = TYPE_FLAG[h.type];
  putString(b, 157, 100, toASCII(h.linkname));
  putString(b, 265, 32, toASCII(h.uname));
  putString(b, 297, 32, toASCII(h.gname));
  writeNumeric(b, 329, 8, h.devmajor);
  writeNumeric(b, 337, 8, h.devminor);
}

/** Magic "ustar\0" + version "00", then the checksum as 6 octal digits, NUL, space. */
function finish(b: Buffer): void {
  b.write('ustar\x0000', 257, 'latin1');
  b.fill(0x20, 148, 156);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += b[i];
  writeOctal(b, 148, 7, sum);
  b[155] = 0x20;
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
