// Docker's json-file log: one JSON object per line, {"log":"…\n","stream":"stdout|stderr","time":"RFC3339Nano"}.
// The writer splits output at newlines (a partial line is written when 16 KiB pile up or the stream ends) and rotates
// the file by the log's options (log-rotation.ts); the reader yields entries from the rotated files and the live one,
// optionally following it as the container writes more (and across its rotations).

import { StringDecoder } from 'node:string_decoder';
import { appendFileSync, openSync, closeSync, writeSync, fstatSync, ftruncateSync, statSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { goString } from '../format/go-json.js';
import { BAD, GoUtf8Decoder } from '../format/go-utf8.js';
import { nowRFC3339Nano } from './time.js';
import type { JsonFileOptions } from './log-config.js';
import { openRotated, readRotated, rotateLog, rotatedBefore, rotatedSince } from './log-rotation.js';

export type StreamName = 'stdout' | 'stderr';

export interface LogEntry {
  log: string;
  stream: StreamName;
  time: string;
}

const MAX_PARTIAL = 16 * 1024;

/**
 * An entry's line as Docker's json-file driver writes it (jsonlog's own string writer: encoding/json's escapes, but a
 * tab as \u0009, which encoding/json writes \t, and an invalid byte as \ufffd; checked side by side with Docker 20.10).
 */
export function encodeEntry(e: LogEntry, plain = false): string {
  // a whole line's newline written as its escape here: the rest of most lines then needs no escaping at all
  let log = e.log.endsWith('\n') ? `${goString(e.log.slice(0, -1)).slice(0, -1)}\\n"` : goString(e.log);
  // `plain`: the caller knows the text has neither a tab nor a bad byte
  if (!plain) log = jsonlogEscapes(e.log, log);
  return `{"log":${log},"stream":"${e.stream}","time":"${e.time}"}\n`;
}

/** Where Docker's jsonlog writer differs from encoding/json: `log`, encoding/json's form of `text`, mended. */
function jsonlogEscapes(text: string, log: string): string {
  // past escaped backslashes, so that an escaped backslash before a "t" stays as it is
  if (text.includes('\t')) log = log.replace(/\\\\|\\t/g, (m) => (m === '\\t' ? '\\u0009' : m));
  // an invalid byte (go-utf8.ts's mark): Go's writer's escape for it
  if (text.includes(BAD)) log = log.replaceAll(BAD, '\\ufffd');
  return log;
}

/**
 * Appends to a json-file log; one per container process, fed raw chunks per stream. With a size limit (`--log-opt
 * max-size`) it rotates as Docker's driver does: before an entry, once the file has reached the limit (so a file
 * ends up to one entry past it).
 */
export class LogWriter {
  private fd: number;
  private pending: Record<StreamName, string> = { stdout: '', stderr: '' };
  // Go's decoding: an invalid byte is one \ufffd in the file, as in Docker's (go-utf8.ts)
  private decoders = { stdout: new GoUtf8Decoder(), stderr: new GoUtf8Decoder() };
  /** The options when the log rotates (a max-size), else null. */
  private readonly rotation: JsonFileOptions | null;
  /** The file's size, counted only when it rotates. */
  private size = 0;
  private lastTime = '';

  constructor(
    readonly path: string,
    rotation?: JsonFileOptions,
  ) {
    this.rotation = rotation && rotation.maxSize > 0 ? rotation : null;
    this.fd = openSync(path, 'a', 0o640);
    if (this.rotation) this.size = fstatSync(this.fd).size;
  }

  write(stream: StreamName, chunk: Buffer): void {
    let text = this.pending[stream] + this.decoders[stream].decode(chunk);
    // looked for once in the whole chunk rather than in each line
    const plain = !text.includes('\t') && !text.includes(BAD);
    let out = '';
    for (;;) {
      const nl = text.indexOf('\n');
      if (nl < 0) break;
      out += this.entry({ log: text.slice(0, nl + 1), stream, time: nowRFC3339Nano() }, plain);
      text = text.slice(nl + 1);
    }
    if (text.length >= MAX_PARTIAL) {
      out += this.entry({ log: text, stream, time: nowRFC3339Nano() }, plain);
      text = '';
    }
    this.pending[stream] = text;
    if (out) writeSync(this.fd, out);
  }

  /** An entry's line to write with the others of its chunk, or, rotating, written here by itself. */
  private entry(e: LogEntry, plain = false): string {
    const line = encodeEntry(e, plain);
    if (!this.rotation) return line;
    if (this.size >= this.rotation.maxSize) this.rotate(this.rotation);
    this.size += writeSync(this.fd, line);
    this.lastTime = e.time;
    return '';
  }

  private rotate({ maxFiles, compress }: JsonFileOptions): void {
    if (maxFiles < 2) {
      // nothing to keep: the file starts again (Docker truncates it)
      ftruncateSync(this.fd, 0);
    } else {
      closeSync(this.fd);
      rotateLog(this.path, maxFiles, compress, this.lastTime);
      this.fd = openSync(this.path, 'a', 0o640);
    }
    this.size = 0;
  }

  /** Writes what is left of a stream that ended without a newline. */
  end(stream: StreamName): void {
    const rest = this.pending[stream] + this.decoders[stream].decode(Buffer.alloc(0), true);
    this.pending[stream] = '';
    if (!rest) return;
    const line = this.entry({ log: rest, stream, time: nowRFC3339Nano() });
    if (line) writeSync(this.fd, line);
  }

  close(): void {
    this.end('stdout');
    this.end('stderr');
    closeSync(this.fd);
  }
}

/** Appends one entry (for messages berth itself logs). */
export function appendEntry(path: string, e: LogEntry): void {
  appendFileSync(path, encodeEntry(e));
}

export function parseEntry(line: string): LogEntry | null {
  try {
    const e = JSON.parse(line) as LogEntry;
    return typeof e.log === 'string' ? e : null;
  } catch {
    return null;
  }
}

export interface ReadOptions {
  /** Keep reading as the file grows until `done()` says the writer is finished and the end is reached. */
  follow?: boolean;
  done?: () => boolean;
  /** Poll interval while following. */
  intervalMs?: number;
  signal?: AbortSignal;
  /** Start at this byte (at the next whole entry, when it falls inside one): what came after, not before. */
  from?: number;
}

/** The entries of JSON lines, skipping what is not one. */
function* entriesOf(text: string): Iterable<LogEntry> {
  for (const l of text.split('\n')) {
    const e = l ? parseEntry(l) : null;
    if (e) yield e;
  }
}

/** The entries of open rotated files, in order; each is closed once read. */
function* rotatedEntries(fds: readonly number[]): Iterable<LogEntry> {
  for (const fd of fds) {
    let text = '';
    try {
      text = readRotated(fd).toString('utf8');
    } catch {
      // a damaged .gz: its entries are lost, the others' are not
    } finally {
      closeSync(fd);
    }
    yield* entriesOf(text);
  }
}

/**
 * The entries of the log at `path` in order: its rotated files' (oldest first, gunzipped) and then the live file's,
 * followed with `follow` (from `from` on, in the live file: then the rotated files are not read). The live file and
 * the rotated ones are all opened before any is read, and again if the live one rotated meanwhile: one set of files.
 */
export async function* readLogs(path: string, opts: ReadOptions = {}): AsyncIterable<LogEntry> {
  if (opts.from) return yield* readLog(path, opts);
  let fh: FileHandle | null = null;
  let rotated: number[] = [];
  for (let attempt = 0; attempt < 10; attempt++) {
    for (const fd of rotated) closeSync(fd);
    await fh?.close();
    fh = await open(path, 'r').catch(() => null);
    if (!fh) return;
    const ino = (await fh.stat()).ino;
    rotated = openRotated(rotatedBefore(path, ino));
    if (inodeAt(path) === ino) break;
  }
  yield* rotatedEntries(rotated);
  yield* readLog(path, opts, fh!);
}

/** The inode at `path` now, or null. */
const inodeAt = (path: string) => statSync(path, { throwIfNoEntry: false })?.ino ?? null;

/**
 * The entries of the live log file (or of `opened`, the file a reader opened there) in order. Following, a rotation (the file renamed away and a new one made, or,
 * with max-file 1, the file cut short) is followed too: the old file is read to its end, then the new from its start.
 */
export async function* readLog(path: string, opts: ReadOptions = {}, opened?: FileHandle): AsyncIterable<LogEntry> {
  let fh = opened ?? (await open(path, 'r').catch(() => null));
  if (!fh) return;
  // the new live file, once this one was seen rotated
  let next: FileHandle | null = null;
  try {
    let pos = opts.from ?? 0;
    let rest = '';
    // starting inside an entry: the first line read is only its tail
    let partial = false;
    if (pos > 0) {
      const one = Buffer.alloc(1);
      await fh.read(one, 0, 1, pos - 1);
      partial = one[0] !== 0x0a;
    }
    const buf = Buffer.alloc(64 * 1024);
    // keeps a multi-byte character that straddles two reads whole
    let utf8 = new StringDecoder('utf8');
    // Once the writer says it is done, reading on to the end catches what it wrote last.
    let finishing = false;
    // the time of the last entry read: which rotated files are newer (rotatedSince)
    let lastTime = '';
    const restart = () => {
      pos = 0;
      rest = '';
      partial = false;
      utf8 = new StringDecoder('utf8');
    };
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead > 0) {
        pos += bytesRead;
        rest += utf8.write(buf.subarray(0, bytesRead));
        const lines = rest.split('\n');
        rest = lines.pop()!;
        if (partial && lines.length > 0) {
          lines.shift();
          partial = false;
        }
        for (const l of lines) {
          const e = parseEntry(l);
          if (!e) continue;
          lastTime = e.time;
          yield e;
        }
        continue;
      }
      if (!opts.follow || opts.signal?.aborted) break;
      if (next) {
        // the rotated file read to its end (the writer adds nothing to it once it has moved on): the files filled
        // since, when the writer went through more than one between two looks, then the new one from its start
        for (const e of rotatedEntries(openRotated(rotatedSince(path, (await fh.stat()).ino, lastTime, (await next.stat()).ino)))) {
          lastTime = e.time;
          yield e;
        }
        await fh.close();
        fh = next;
        next = null;
        restart();
        continue;
      }
      // at the end of this file: has the writer moved on to a new one (or cut this one short)?
      const { ino, size } = await fh.stat();
      const now = inodeAt(path);
      if (now !== null && now !== ino) {
        next = await open(path, 'r').catch(() => null);
        // what the writer added to this one before it moved on is read first
        if (next) continue;
      } else if (size < pos) {
        restart();
        continue;
      }
      if (finishing) break;
      if (opts.done?.()) {
        finishing = true;
        continue;
      }
      await new Promise((r) => setTimeout(r, opts.intervalMs ?? 100));
    }
  } finally {
    await fh.close();
    await next?.close();
  }
}
