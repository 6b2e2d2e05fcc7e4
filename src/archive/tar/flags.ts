// Typeflags (POSIX ustar and GNU extensions) and the file-type mode bits Docker adds to a tar header's mode.

import type { TarEntryType } from './entry.js';

export const FLAG = {
  file: 0x30, // '0'
  fileOld: 0x00, // '\0' (v7)
  contiguous: 0x37, // '7'
  link: 0x31,
  symlink: 0x32,
  char: 0x33,
  block: 0x34,
  directory: 0x35,
  fifo: 0x36,
  paxLocal: 0x78, // 'x'
  paxGlobal: 0x67, // 'g'
  gnuLongName: 0x4c, // 'L'
  gnuLongLink: 0x4b, // 'K'
  gnuSparse: 0x53, // 'S'
  gnuDumpDir: 0x44, // 'D'
  gnuVolume: 0x56, // 'V'
} as const;

export const TYPE_FLAG: Record<TarEntryType, number> = {
  file: FLAG.file,
  link: FLAG.link,
  symlink: FLAG.symlink,
  char: FLAG.char,
  block: FLAG.block,
  directory: FLAG.directory,
  fifo: FLAG.fifo,
};

/** Entry type for the typeflags that are entries (not metadata); undefined for the rest. */
export function entryType(flag: number): TarEntryType | undefined {
  switch (flag) {
    case FLAG.file:
    case FLAG.fileOld:
    case FLAG.contiguous:
      return 'file';
    case FLAG.link:
      return 'link';
    case FLAG.symlink:
      return 'symlink';
    case FLAG.char:
      return 'char';
    case FLAG.block:
      return 'block';
    case FLAG.directory:
    case FLAG.gnuDumpDir:
      return 'directory';
    case FLAG.fifo:
      return 'fifo';
    default:
      return undefined;
  }
}

/** Printable typeflag for messages: 'S', or '\x00'-style escapes. */
export function flagName(flag: number): string {
  return flag >= 0x21 && flag < 0x7f ? String.fromCharCode(flag) : `\\x${flag.toString(16).padStart(2, '0')}`;
}

/**
 * S_IFMT bits that moby's archive package ORs into the mode of every entry it writes (fillGo18FileTypeBits), so
 * layer tars and `docker save` archives carry 0100644 rather than 0644. A hard link gets the regular-file bits.
 */
export function dockerModeTypeBits(type: TarEntryType): number {
  switch (type) {
    case 'file':
    case 'link':
      return 0o100000;
    case 'directory':
      return 0o040000;
    case 'symlink':
      return 0o120000;
    case 'char':
      return 0o020000;
    case 'block':
      return 0o060000;
    case 'fifo':
      return 0o010000;
  }
}
