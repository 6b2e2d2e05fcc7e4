// Files on disk → tar entries the way moby's tarAppender.addTarFile writes them (pkg/archive, 20.10): S_IFMT bits in
// the mode, mtime in whole seconds, host user/group names, `security.capability` as the only xattr, a second name
// of an inode already written as a hard link to the first, sockets skipped, directories named with a trailing `/`.

import { closeSync, constants, openSync, readlinkSync, readSync, type Stats } from 'node:fs';
import { Readable } from 'node:stream';
import type { TarEntryType } from '../archive/tar/entry.js';
import { dockerModeTypeBits } from '../archive/tar/flags.js';
import type { TarWriteHeader, TarWriter } from '../archive/tar/write.js';
import { lgetxattr } from '../sys/xattr.js';
import { devMajor, devMinor } from '../sys/dev-t.js';
import { groupName, userName } from './host-names.js';

/** The one xattr a layer tar carries (moby's tarAppender reads only this one). */
export const CAPABILITY = 'security.capability';
/** Files up to this size are read in one piece; larger ones stream. */
const SMALL_FILE = 1 << 20;
const CHUNK = 1 << 20;

export function entryType(st: Stats): TarEntryType | null {
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'directory';
  if (st.isSymbolicLink()) return 'symlink';
  if (st.isCharacterDevice()) return 'char';
  if (st.isBlockDevice()) return 'block';
  if (st.isFIFO()) return 'fifo';
  return null;
}

/** The mtime moby writes: truncated to the second. */
export function wholeSeconds(st: Stats): Date {
  return new Date(Math.floor(st.mtimeMs / 1000) * 1000);
}

/** Header fields common to every entry made from `st`: owner and names. */
export function ownerFields(st: Stats): Pick<TarWriteHeader, 'uid' | 'gid' | 'uname' | 'gname'> {
  return { uid: st.uid, gid: st.gid, uname: userName(st.uid), gname: groupName(st.gid) };
}

/** The file's capabilities; null where there are none or the filesystem has no xattrs (moby ignores errors too). */
function capability(abs: string): Buffer | null {
  try {
    return lgetxattr(abs, CAPABILITY);
  } catch {
    return null;
  }
}

/** The header for `abs` stored as `name` (without the trailing `/` of directories, which this adds). */
export function headerFor(abs: string, name: string, st: Stats, type: TarEntryType): TarWriteHeader {
  const perm = st.mode & 0o7777;
  const h: TarWriteHeader = {
    name: type === 'directory' ? `${name}/` : name,
    type,
    mode: perm,
    rawMode: dockerModeTypeBits(type) | perm,
    ...ownerFields(st),
    mtime: wholeSeconds(st),
  };
  if (type === 'file') h.size = st.size;
  else if (type === 'symlink') h.linkname = readlinkSync(abs);
  else if (type === 'char' || type === 'block') {
    h.devmajor = devMajor(st.rdev);
    h.devminor = devMinor(st.rdev);
  }
  const cap = capability(abs);
  if (cap !== null) h.xattrs = new Map([[CAPABILITY, cap]]);
  return h;
}

function openNoFollow(abs: string): number {
  return openSync(abs, constants.O_RDONLY | constants.O_NOFOLLOW);
}

/** Reads exactly `size` bytes (zero-filled if the file shrank meanwhile, so the archive stays valid). */
function readSmall(abs: string, size: number): Buffer {
  // allocUnsafe: small ones come from node's pool (a layer of small files would otherwise make a buffer each)
  const buf = Buffer.allocUnsafe(size);
  const fd = openNoFollow(abs);
  let off = 0;
  try {
    while (off < size) {
      const n = readSync(fd, buf, off, size - off, off);
      if (n === 0) break;
      off += n;
    }
  } finally {
    closeSync(fd);
  }
  if (off < size) buf.fill(0, off);
  return buf;
}

/** Streams exactly `size` bytes of a large file, zero-filled past a short end. */
function streamLarge(abs: string, size: number): Readable {
  const fd = openNoFollow(abs);
  let pos = 0;
  return new Readable({
    highWaterMark: CHUNK,
    read() {
      try {
        const len = Math.min(CHUNK, size - pos);
        if (len === 0) {
          this.push(null);
          return;
        }
        const buf = Buffer.alloc(len);
        let off = 0;
        while (off < len) {
          const n = readSync(fd, buf, off, len - off, pos + off);
          if (n === 0) break;
          off += n;
        }
        pos += len;
        this.push(buf);
      } catch (e) {
        this.destroy(e as Error);
      }
    },
    destroy(err, cb) {
      closeSync(fd);
      cb(err);
    },
  });
}

/**
 * Writes files into a tar in Docker's form. Inodes seen once become hard links for later names (moby's
 * SeenFiles), so one instance serves one archive.
 */
export class FsTarAppender {
  /** First name written for each inode (`dev:ino`) with more than one link. */
  private readonly seen = new Map<string, string>();

  constructor(readonly writer: TarWriter) {}

  /** Appends `abs` (already lstat'ed as `st`) as `name`; skips sockets. */
  async add(abs: string, name: string, st: Stats): Promise<void> {
    const type = entryType(st);
    if (type === null) return;
    const h = headerFor(abs, name, st, type);
    if (type !== 'directory' && st.nlink > 1) {
      const inode = `${st.dev}:${st.ino}`;
      const first = this.seen.get(inode);
      if (first !== undefined) {
        h.type = 'link';
        h.linkname = first;
        h.size = 0;
        await this.writer.add(h);
        return;
      }
      this.seen.set(inode, h.name);
    }
    if (type !== 'file' || st.size === 0) {
      await this.writer.add(h);
      return;
    }
    await this.writer.add(h, st.size <= SMALL_FILE ? readSmall(abs, st.size) : streamLarge(abs, st.size));
  }
}
