// The tar entry model shared by the codec (read/write) and by everything that consumes or produces tar streams.

import type { Readable } from 'node:stream';

export type TarEntryType =
  | 'file' // '0' or '\0' (and '7' contiguous)
  | 'link' // '1' hard link: linkname is the target path inside the archive
  | 'symlink' // '2'
  | 'char' // '3'
  | 'block' // '4'
  | 'directory' // '5'
  | 'fifo'; // '6'

export interface TarHeader {
  /** Path as stored (pax `path` or GNU long name applied), without any normalisation. */
  name: string;
  type: TarEntryType;
  mode: number; // permission bits incl. setuid/setgid/sticky (07777)
  /**
   * The mode field as stored when it held more than `mode` (Docker writes S_IFMT bits: 0100644). The writer writes
   * it verbatim while `rawMode & 0o7777 === mode`, so read → write reproduces an archive byte for byte.
   */
  rawMode?: number;
  uid: number;
  gid: number;
  size: number; // bytes of content (0 for everything but 'file')
  mtime: Date; // with sub-second precision when a pax mtime carried it
  linkname: string;
  uname: string;
  gname: string;
  devmajor: number;
  devminor: number;
  /** Extended attributes from pax `SCHILY.xattr.<name>` records, values as raw bytes (binary-safe). */
  xattrs: Map<string, Buffer>;
  /** Other pax records (not path/linkpath/size/uid/gid/uname/gname/mtime/xattrs), raw. */
  pax?: Map<string, Buffer>;
}

export interface TarEntry extends TarHeader {
  /**
   * The entry's content. Must be fully consumed (or `drain()`ed) before the iterator advances;
   * the reader drains it automatically if the consumer moves on without reading.
   */
  body: Readable;
}
