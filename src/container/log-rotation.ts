// A json-file log's rotated files, laid out as Docker's json-file driver lays them out (loggerutils.LogFile): the live
// log at PATH, the rotated ones beside it as PATH.1 (the newest) … PATH.N, each gzipped to PATH.i.gz with `compress`,
// its gzip header's extra field holding Docker's {"lastTime": <the last entry's time>}. Readers take them oldest
// first, then the live log.

import { closeSync, existsSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseRFC3339 } from '../format/go-time.js';

/**
 * node:zlib, loaded when a log first rotates with compress or a gzipped one is read: not with every container's start
 * (it brings node's stream modules along, ~3 ms).
 */
const zlib = () => createRequire(import.meta.url)('node:zlib') as typeof import('node:zlib');

const GZ = '.gz';

/** The rotated file `i` of the log at `path` that exists (gzipped or not), or null. */
function rotatedFile(path: string, i: number): string | null {
  for (const name of [`${path}.${i}${GZ}`, `${path}.${i}`]) if (existsSync(name)) return name;
  return null;
}

/**
 * The rotated files of the log at `path` older than the file a reader opened as the live one (inode `live`), oldest
 * first: all of them, unless that file was itself rotated since it was opened (then it and the newer ones are not).
 */
export function rotatedBefore(path: string, live: number | null): string[] {
  const out: string[] = [];
  for (let i = 1; ; i++) {
    const f = rotatedFile(path, i);
    if (!f) break;
    if (live !== null && !f.endsWith(GZ) && statSync(f, { throwIfNoEntry: false })?.ino === live) out.length = 0;
    else out.push(f);
  }
  return out.reverse();
}

/** The rotated files named opened, in order; one dropped meanwhile is left out. */
export function openRotated(files: readonly string[]): number[] {
  const out: number[] = [];
  for (const f of files) {
    try {
      out.push(openSync(f, 'r'));
    } catch {
      // rotated away (the oldest dropped)
    }
  }
  return out;
}

/** An open rotated file's JSON lines, gunzipped when it is gzipped (by its magic bytes). */
export function readRotated(fd: number): Buffer {
  const bytes = readFileSync(fd);
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? zlib().gunzipSync(bytes) : bytes;
}

/**
 * Go's gzip of `data` as Docker writes a rotated log: a header with no name and no time, OS "unknown" (255), and the
 * extra field {"lastTime":"…"}; node's gzip gives the compressed body and its trailer (CRC-32, length).
 */
export function gzipRotated(data: Buffer, lastTime: string): Buffer {
  const extra = Buffer.from(JSON.stringify({ lastTime }));
  const header = Buffer.alloc(12);
  header.set([0x1f, 0x8b, 8, 0x04 /* FEXTRA */, 0, 0, 0, 0, 0, 0xff]);
  header.writeUInt16LE(extra.length, 10);
  // node's own header is the 10 bytes before the body (no name, comment or extra: none asked for)
  return Buffer.concat([header, extra, zlib().gzipSync(data).subarray(10)]);
}

/** The lastTime in a rotated .gz's header (gzipRotated), or null. */
function gzLastTime(file: string): string | null {
  const head = Buffer.alloc(512);
  let n = 0;
  try {
    const fd = openSync(file, 'r');
    try {
      n = readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
  if (n < 12 || head[0] !== 0x1f || head[1] !== 0x8b || !(head[3] & 0x04)) return null;
  const len = head.readUInt16LE(10);
  try {
    const t = (JSON.parse(head.subarray(12, 12 + len).toString('utf8')) as { lastTime?: unknown }).lastTime;
    return typeof t === 'string' ? t : null;
  } catch {
    return null;
  }
}

/** Whether RFC 3339 time `a` is after `b` (an unreadable `a` is not; anything is after ''). */
function after(a: string, b: string): boolean {
  const x = parseRFC3339(a);
  if (!x) return false;
  const y = parseRFC3339(b);
  return !y || x.seconds > y.seconds || (x.seconds === y.seconds && x.nanos > y.nanos);
}

/**
 * The files rotated after the one a follower was reading (inode `ino`, its last entry's time `lastTime`), oldest
 * first: those a writer rotating faster than the follower looks filled and moved on from meanwhile. Plain files are
 * told by their inode; gzipped ones, made anew, by the last time in their header. `next`: the inode of the live file
 * the follower has opened to go on with.
 */
export function rotatedSince(path: string, ino: number, lastTime: string, next: number): string[] {
  const out: string[] = [];
  for (let i = 1; ; i++) {
    const f = rotatedFile(path, i);
    if (!f) break;
    if (f.endsWith(GZ)) {
      if (!after(gzLastTime(f) ?? '', lastTime)) break;
    } else {
      const at = statSync(f, { throwIfNoEntry: false })?.ino;
      if (at === next) continue; // the live file the follower opened, rotated too since: it reads that one itself
      if (at === undefined || at === ino) break;
    }
    out.push(f);
  }
  return out.reverse();
}

/**
 * Rotates the log at `path` (already closed by its writer), as Docker's rotate(): the rotated files move up one
 * (PATH.i → PATH.i+1), the oldest past `maxFiles - 1` goes, the live log becomes PATH.1, gzipped with `compress`
 * (its entries' last time in the header). With `maxFiles` 1 there is nothing to keep: the caller truncates instead.
 */
export function rotateLog(path: string, maxFiles: number, compress: boolean, lastTime: string): void {
  if (maxFiles < 2) return;
  const ext = compress ? GZ : '';
  rmSync(`${path}.${maxFiles - 1}${ext}`, { force: true });
  // only the files that are there: max-file may be large
  let top = 0;
  while (top < maxFiles - 2 && rotatedFile(path, top + 1)) top++;
  for (let i = top; i >= 1; i--) {
    try {
      renameSync(`${path}.${i}${ext}`, `${path}.${i + 1}${ext}`);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  renameSync(path, `${path}.1`);
  if (!compress) return;
  // gzipped beside, then renamed: a reader finds PATH.1 or PATH.1.gz whole, never half a gzip
  const tmp = `${path}.1${GZ}.tmp`;
  writeFileSync(tmp, gzipRotated(readFileSync(`${path}.1`), lastTime), { mode: 0o640 });
  renameSync(tmp, `${path}.1${GZ}`);
  rmSync(`${path}.1`);
}
