// Docker's json-file log: one JSON object per line, {"log":"…\n","stream":"stdout|stderr","time":"RFC3339Nano"}.
// The writer splits output at newlines (a partial line is written when 16 KiB pile up or the stream ends); the
// reader yields entries from a file, optionally following it as the container writes more.

import { StringDecoder } from 'node:string_decoder';
import { appendFileSync, openSync, closeSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { goString } from '../format/go-json.js';
import { nowRFC3339Nano } from './time.js';

export type StreamName = 'stdout' | 'stderr';

export interface LogEntry {
  log: string;
  stream: StreamName;
  time: string;
}

const MAX_PARTIAL = 16 * 1024;

export function encodeEntry(e: LogEntry): string {
  // a whole line's newline written as its escape here: the rest of most lines then needs no escaping at all
  const log = e.log.endsWith('\n') ? `${goString(e.log.slice(0, -1)).slice(0, -1)}\\n"` : goString(e.log);
  return `{"log":${log},"stream":"${e.stream}","time":"${e.time}"}\n`;
}

/** Appends to a json-file log; one per container process, fed raw chunks per stream. */
export class LogWriter {
  private fd: number;
  private pending: Record<StreamName, string> = { stdout: '', stderr: '' };
  private decoders = { stdout: new TextDecoder('utf-8'), stderr: new TextDecoder('utf-8') };

  constructor(readonly path: string) {
    this.fd = openSync(path, 'a', 0o640);
  }

  write(stream: StreamName, chunk: Buffer): void {
    let text = this.pending[stream] + this.decoders[stream].decode(chunk, { stream: true });
    let out = '';
    for (;;) {
      const nl = text.indexOf('\n');
      if (nl < 0) break;
      out += encodeEntry({ log: text.slice(0, nl + 1), stream, time: nowRFC3339Nano() });
      text = text.slice(nl + 1);
    }
    if (text.length >= MAX_PARTIAL) {
      out += encodeEntry({ log: text, stream, time: nowRFC3339Nano() });
      text = '';
    }
    this.pending[stream] = text;
    if (out) writeSync(this.fd, out);
  }

  /** Writes what is left of a stream that ended without a newline. */
  end(stream: StreamName): void {
    const rest = this.pending[stream] + this.decoders[stream].decode();
    this.pending[stream] = '';
    if (rest) writeSync(this.fd, encodeEntry({ log: rest, stream, time: nowRFC3339Nano() }));
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

/** The entries of a log file in order. */
export async function* readLog(path: string, opts: ReadOptions = {}): AsyncIterable<LogEntry> {
  const fh = await open(path, 'r').catch(() => null);
  if (!fh) return;
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
    const utf8 = new StringDecoder('utf8');
    // Once the writer says it is done, reading on to the end catches what it wrote last.
    let finishing = false;
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
          if (e) yield e;
        }
        continue;
      }
      if (finishing || !opts.follow || opts.signal?.aborted) break;
      if (opts.done?.()) {
        finishing = true;
        continue;
      }
      await new Promise((r) => setTimeout(r, opts.intervalMs ?? 100));
    }
  } finally {
    await fh.close();
  }
}
