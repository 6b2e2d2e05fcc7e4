// The classic builder's content hashes for COPY/ADD sources (moby pkg/tarsum's v1 header selection): sha256 of
// `name…mode…uid…gid…size…typeflag…linkname…uname…gname…devmajor…devminor…` (no mtime) then the content, with the
// header the sum was taken from (see HashHeader). A directory is `dir:` + sha256 of its entries' sorted hashes
// joined by commas; several sources are `multi:` + their hashes.

import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, type Stats } from 'node:fs';
import { readlink } from 'node:fs/promises';
import { groupName, userName } from '../layer/host-names.js';
import { devMajor, devMinor } from '../sys/dev-t.js';
import { FileHashCache } from './file-hash-cache.js';

function typeflag(st: Stats): string {
  if (st.isFile()) return '0';
  if (st.isSymbolicLink()) return '2';
  if (st.isCharacterDevice()) return '3';
  if (st.isBlockDevice()) return '4';
  if (st.isDirectory()) return '5';
  if (st.isFIFO()) return '6';
  return '0';
}

/** Files up to this size are read in one go: a stream's round trips cost more than the read (~1 ms a file). */
const SMALL = 1 << 20;

/**
 * The header fields a hash was taken from. Context files: as Docker's CLI sends them in the context tar (owner 0:0,
 * no names, the permission bits alone). Files the daemon hashes itself (another stage's or image's, a download): its
 * archive.FileInfoHeader (the file's owner, the names the daemon's host has for them, the mode with the file-type bits).
 */
export interface HashHeader {
  uid: number;
  gid: number;
  uname: string;
  gname: string;
  typeBits: boolean;
}

export const CONTEXT_HEADER = { uid: 0, gid: 0, uname: '', gname: '', typeBits: false } as const;

/**
 * Hex hash of one entry. `rel` is the path the source sees (relative, no leading slash). With `cache`, a hash kept
 * for the same header and the same file identity is reused (file-hash-cache.ts), and a new one is kept.
 */
export async function fileHash(path: string, rel: string, st: Stats, hdr: HashHeader, cache?: FileHashCache | null): Promise<string> {
  const link = st.isSymbolicLink() ? await readlink(path) : '';
  const name = st.isDirectory() && !rel.endsWith('/') ? rel + '/' : rel;
  const size = st.isFile() ? st.size : 0;
  const dev = st.isCharacterDevice() || st.isBlockDevice();
  const major = dev ? devMajor(st.rdev) : 0;
  const minor = dev ? devMinor(st.rdev) : 0;
  const header =
    `name${name}mode${hdr.typeBits ? st.mode : st.mode & 0o7777}uid${hdr.uid}gid${hdr.gid}size${size}typeflag${typeflag(st)}` +
    `linkname${link}uname${hdr.uname}gname${hdr.gname}devmajor${major}devminor${minor}`;
  const key = cache ? FileHashCache.key(header, st) : '';
  const kept = cache?.get(key);
  if (kept !== undefined) return kept;
  const hashedAt = Date.now();
  const h = createHash('sha256');
  h.update(header);
  if (st.isFile() && st.size > 0 && st.size <= SMALL) h.update(readFileSync(path));
  else if (st.isFile() && st.size > 0) {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  }
  const hash = h.digest('hex');
  cache?.put(key, st, hash, hashedAt);
  return hash;
}

export function hashStringSlice(prefix: string, items: string[]): string {
  return `${prefix}:${createHash('sha256').update(items.join(',')).digest('hex')}`;
}

/** The header the daemon hashes a file of its own with: the owner's names as this host knows them (Go's user lookup). */
export function daemonHeader(uid: number, gid: number): HashHeader {
  return { uid, gid, uname: userName(uid), gname: groupName(gid), typeBits: true };
}
