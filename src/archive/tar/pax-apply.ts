// Applies pax records (global 'g' then per-entry 'x') to a decoded header: path, linkpath, size, uid, gid, uname,
// gname, mtime, SCHILY.xattr.* (raw bytes) and LIBARCHIVE.xattr.* (url-encoded name, base64 value). An empty value
// for one of the field keys means "use the ustar field" (POSIX pax: an empty value deletes the keyword).

import { badHeader } from './errors.js';
import type { RawHeader } from './header-decode.js';
import { parsePaxTime } from './pax.js';

export interface PaxApplied {
  name: string;
  linkname: string;
  size: number;
  uid: number;
  gid: number;
  uname: string;
  gname: string;
  mtimeMs: number;
  xattrs: Map<string, Buffer>;
  other: Map<string, Buffer> | undefined;
  /** GNU.sparse.* keys were present: the data is a sparse map plus fragments, not the file. */
  sparse: boolean;
}

const SCHILY = 'SCHILY.xattr.';
const LIBARCHIVE = 'LIBARCHIVE.xattr.';

export function applyPax(raw: RawHeader, records: Iterable<[string, Buffer]>, offset: number): PaxApplied {
  const out: PaxApplied = {
    name: raw.name,
    linkname: raw.linkname,
    size: raw.size,
    uid: raw.uid,
    gid: raw.gid,
    uname: raw.uname,
    gname: raw.gname,
    mtimeMs: raw.mtime * 1000,
    xattrs: new Map(),
    other: undefined,
    sparse: false,
  };
  let libarchive: Array<[string, Buffer]> | undefined;
  for (const [key, value] of records) {
    switch (key) {
      case 'path':
        if (value.length) out.name = value.toString('utf8');
        break;
      case 'linkpath':
        if (value.length) out.linkname = value.toString('utf8');
        break;
      case 'uname':
        if (value.length) out.uname = value.toString('utf8');
        break;
      case 'gname':
        if (value.length) out.gname = value.toString('utf8');
        break;
      case 'size':
        if (value.length) out.size = decimal(value, false, key, offset);
        break;
      case 'uid':
        if (value.length) out.uid = decimal(value, true, key, offset);
        break;
      case 'gid':
        if (value.length) out.gid = decimal(value, true, key, offset);
        break;
      case 'mtime':
        if (value.length) {
          const ms = parsePaxTime(value.toString('latin1'));
          if (Number.isNaN(ms)) throw badHeader(offset, `invalid pax mtime ${JSON.stringify(value.toString('latin1'))}`);
          out.mtimeMs = ms;
        }
        break;
      default:
        if (key.startsWith(SCHILY)) out.xattrs.set(key.slice(SCHILY.length), value);
        else if (key.startsWith(LIBARCHIVE)) (libarchive ??= []).push([key.slice(LIBARCHIVE.length), value]);
        else {
          if (key.startsWith('GNU.sparse.')) out.sparse = true;
          (out.other ??= new Map()).set(key, value);
        }
    }
  }
  for (const [encoded, value] of libarchive ?? []) {
    const name = percentDecode(encoded);
    if (!out.xattrs.has(name)) out.xattrs.set(name, Buffer.from(value.toString('latin1'), 'base64'));
  }
  return out;
}

function decimal(value: Buffer, signed: boolean, key: string, offset: number): number {
  const s = value.toString('latin1');
  const n = (signed ? /^-?\d+$/ : /^\d+$/).test(s) ? Number(s) : NaN;
  if (!Number.isSafeInteger(n)) throw badHeader(offset, `invalid pax ${key} ${JSON.stringify(s)}`);
  return n;
}

function percentDecode(s: string): string {
  if (!s.includes('%')) return s;
  const src = Buffer.from(s, 'utf8');
  const out = Buffer.alloc(src.length);
  let n = 0;
  for (let i = 0; i < src.length; i++) {
    if (src[i] === 0x25 && i + 2 < src.length && isHex(src[i + 1]) && isHex(src[i + 2])) {
      out[n++] = parseInt(src.toString('latin1', i + 1, i + 3), 16);
      i += 2;
    } else {
      out[n++] = src[i];
    }
  }
  return out.toString('utf8', 0, n);
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}
