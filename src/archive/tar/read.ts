// Streaming tar reader: ustar, old GNU and v7 headers, pax ('x', and 'g' applied to what follows), GNU long names
// ('L'/'K'), base-256 numbers. Bodies are never buffered; the input is read to its end, padding and trailing blocks
// included, so a hash taken upstream covers every byte. See ReadTarOptions for limits and unsupported types.

import type { Readable } from 'node:stream';
import type { TarEntry, TarEntryType } from './entry.js';
import { ChunkSource } from './chunk-source.js';
import { EntryBody } from './entry-body.js';
import { badHeader, unexpectedEOF } from './errors.js';
import { FLAG, entryType, flagName } from './flags.js';
import { BLOCK, decodeHeader, isZeroBlock, type RawHeader } from './header-decode.js';
import { applyPax } from './pax-apply.js';
import { parsePaxRecords } from './pax.js';

export interface TarLimits {
  /** Bytes of pax data before one entry (all its 'x' headers), and of the accumulated global ('g') records. */
  maxPaxSize: number;
  /** Bytes of a GNU long name or long link ('L'/'K'). */
  maxLongNameSize: number;
}

export const DEFAULT_TAR_LIMITS: TarLimits = { maxPaxSize: 1 << 20, maxLongNameSize: 64 << 10 };

export interface ReadTarOptions {
  limits?: Partial<TarLimits>;
  /**
   * Entries berth does not model: GNU sparse files ('S', or pax GNU.sparse.*), multi-volume parts ('M'), vendor
   * typeflags. 'error' (default) throws INVALID_ARGUMENT naming the type; 'skip' drops them with their data.
   * GNU volume labels ('V') are always skipped; GNU dump-dirs ('D') read as directories.
   */
  unsupported?: 'error' | 'skip';
}

/**
 * The entries of one archive; iterate once. Each `body` is created on first access. When the loop moves on, a body
 * the consumer started reading (piped, 'data' listener, async iteration) is first pulled to its end into that
 * stream; one never touched, or destroyed, is skipped. Breaking out early (or an error) destroys the input.
 */
export interface TarReader extends AsyncIterable<TarEntry> {
  /** Bytes of the archive consumed so far (the whole input once iteration completed). */
  readonly bytesRead: number;
}

export function readTar(input: Readable, opts: ReadTarOptions = {}): TarReader {
  let source: ChunkSource | undefined;
  return {
    get bytesRead() {
      return source?.position ?? 0;
    },
    [Symbol.asyncIterator]() {
      if (source) throw new Error('readTar: an archive can be iterated only once');
      source = new ChunkSource(input);
      return entries(source, opts)[Symbol.asyncIterator]();
    },
  };
}

/** The body of one entry, created on first access; stale once the iterator moved past the entry. */
interface BodySlot {
  body: EntryBody | undefined;
  stale: boolean;
}

interface Pending {
  local: Map<string, Buffer> | null;
  localSize: number;
  longName: string | null;
  longLink: string | null;
}

async function* entries(src: ChunkSource, opts: ReadTarOptions): AsyncGenerator<TarEntry> {
  const limits = { ...DEFAULT_TAR_LIMITS, ...opts.limits };
  const global = new Map<string, Buffer>();
  let globalSize = 0;
  let pending: Pending = { local: null, localSize: 0, longName: null, longLink: null };
  let failure: Error | null = null;
  let current: BodySlot | undefined;
  let completed = false;
  try {
    for (;;) {
      const offset = src.position;
      const block = src.available() >= BLOCK ? src.take(BLOCK) : await src.read(BLOCK);
      if (block === null) {
        if (pending.local || pending.longName !== null || pending.longLink !== null) throw unexpectedEOF();
        break;
      }
      if (isZeroBlock(block)) {
        const next = await src.read(BLOCK);
        if (next !== null && !isZeroBlock(next)) throw badHeader(offset + BLOCK, 'header after an end-of-archive block');
        break;
      }
      const raw = decodeHeader(block, offset);
      const flag = raw.typeflag;

      if (flag === FLAG.paxLocal || flag === FLAG.paxGlobal) {
        const limit = flag === FLAG.paxLocal ? limits.maxPaxSize - pending.localSize : limits.maxPaxSize;
        const data = await readMeta(src, raw, limit, offset, 'pax header');
        const records = parsePaxRecords(data);
        if (typeof records === 'string') throw badHeader(offset, records);
        if (flag === FLAG.paxLocal) {
          pending.local ??= new Map();
          for (const [k, v] of records) pending.local.set(k, v);
          pending.localSize += data.length;
        } else {
          for (const [k, v] of records) {
            globalSize -= global.has(k) ? k.length + global.get(k)!.length : 0;
            if (v.length === 0) global.delete(k);
            else (global.set(k, v), (globalSize += k.length + v.length));
          }
          if (globalSize > limits.maxPaxSize) throw badHeader(offset, `global pax records exceed ${limits.maxPaxSize} bytes`);
        }
        continue;
      }
      if (flag === FLAG.gnuLongName || flag === FLAG.gnuLongLink) {
        const data = await readMeta(src, raw, limits.maxLongNameSize, offset, 'GNU long name');
        const nul = data.indexOf(0);
        const value = data.toString('utf8', 0, nul === -1 ? data.length : nul);
        if (flag === FLAG.gnuLongName) pending.longName = value;
        else pending.longLink = value;
        continue;
      }

      const records = global.size ? (pending.local ? [...global, ...pending.local] : global) : (pending.local ?? []);
      const built = buildEntry(raw, records, pending, offset);
      pending = { local: null, localSize: 0, longName: null, longLink: null };
      if (built.entry === undefined) {
        if (built.flag !== FLAG.gnuVolume && opts.unsupported !== 'skip') throw badHeader(offset, built.unsupported);
        if (built.flag === FLAG.gnuSparse) await skipSparseExtensions(src, block);
        await src.skip(built.dataSize + padding(built.dataSize));
        continue;
      }
      const slot: BodySlot = { body: undefined, stale: false };
      const entry = withBody(built.entry, slot, src, (err) => void (failure ??= err));
      current = slot;
      yield entry;

      slot.stale = true;
      let skip = built.dataSize - entry.size + padding(built.dataSize);
      if (slot.body) await finishBody(src, slot.body, () => failure);
      else skip += entry.size;
      current = undefined;
      skip = src.skipBuffered(skip);
      if (skip > 0) await src.skip(skip);
    }
    await src.drain();
    completed = true;
  } finally {
    if (current?.body && !current.body.destroyed) current.body.destroy();
    src.close(!completed);
  }
}

/** Lets a consumer that is reading the body finish pulling it; otherwise takes the source back and skips the rest. */
async function finishBody(src: ChunkSource, body: EntryBody, failure: () => Error | null): Promise<void> {
  if (body.remaining > 0 && body.readableFlowing !== null && !body.destroyed) await body.settled;
  const err = failure();
  if (err) throw err;
  if (body.remaining === 0) return;
  body.detached = true;
  await body.idle();
  const after = failure();
  if (after) throw after;
  const left = body.remaining;
  body.remaining = 0;
  if (!body.destroyed) body.destroy();
  await src.skip(left);
}

type Built =
  | { entry: Omit<TarEntry, 'body'>; dataSize: number; flag: number }
  | { entry: undefined; dataSize: number; flag: number; unsupported: string };

/** The entry's header from the block and the pax/GNU records before it; `dataSize` is what follows in the archive. */
function buildEntry(raw: RawHeader, records: Iterable<[string, Buffer]>, pending: Pending, offset: number): Built {
  const h = applyPax(raw, records, offset);
  if (pending.longName !== null) h.name = pending.longName;
  if (pending.longLink !== null) h.linkname = pending.longLink;
  const flag = raw.typeflag;
  let type: TarEntryType | undefined = entryType(flag);
  if (flag === FLAG.fileOld && h.name.endsWith('/')) type = 'directory';
  const dataSize = type === 'file' || type === undefined || flag === FLAG.gnuDumpDir ? h.size : 0;
  if (type === undefined || h.sparse) {
    const what = flag === FLAG.gnuSparse || h.sparse ? ' (GNU sparse file)' : '';
    return {
      entry: undefined,
      dataSize,
      flag,
      unsupported: `unsupported entry type '${flagName(flag)}'${what} for ${JSON.stringify(h.name)}`,
    };
  }
  const entry: Omit<TarEntry, 'body'> = {
    name: h.name,
    type,
    mode: raw.mode & 0o7777,
    uid: h.uid,
    gid: h.gid,
    size: type === 'file' ? dataSize : 0,
    mtime: new Date(h.mtimeMs),
    linkname: h.linkname,
    uname: h.uname,
    gname: h.gname,
    devmajor: raw.devmajor,
    devminor: raw.devminor,
    xattrs: h.xattrs,
  };
  if (raw.mode !== entry.mode) entry.rawMode = raw.mode;
  if (h.other) entry.pax = h.other;
  return { entry, dataSize, flag };
}

/** Adds the lazily created body as an own enumerable accessor, so `{ ...entry }` keeps it. */
function withBody(header: Omit<TarEntry, 'body'>, slot: BodySlot, src: ChunkSource, fail: (e: Error) => void): TarEntry {
  return Object.defineProperty(header, 'body', {
    enumerable: true,
    get() {
      if (!slot.body) {
        slot.body = new EntryBody(src, slot.stale ? 0 : header.size, fail);
        if (slot.stale) slot.body.destroy();
      }
      return slot.body;
    },
  }) as TarEntry;
}

async function readMeta(src: ChunkSource, raw: RawHeader, limit: number, offset: number, what: string): Promise<Buffer> {
  if (raw.size > limit) throw badHeader(offset, `${what} of ${raw.size} bytes exceeds the limit`);
  const data = raw.size === 0 ? Buffer.alloc(0) : await src.read(raw.size);
  if (data === null) throw unexpectedEOF();
  await src.skip(padding(raw.size));
  return data;
}

/** Old GNU sparse headers may be followed by extension blocks, each flagging whether another follows. */
async function skipSparseExtensions(src: ChunkSource, header: Buffer): Promise<void> {
  let extended = header[482] !== 0;
  while (extended) {
    const ext = await src.read(BLOCK);
    if (ext === null) throw unexpectedEOF();
    extended = ext[504] !== 0;
  }
}

function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}
