// POSIX pax extended header records ("%d %s=%s\n", IEEE 1003.1 pax "extended header"): parse, encode, and the
// decimal time format of the mtime record. Values stay raw bytes so binary xattrs survive.

/** Parses pax data into key → raw value; a later record wins; trailing NUL padding is tolerated. */
export function parsePaxRecords(data: Buffer): Map<string, Buffer> | string {
  const out = new Map<string, Buffer>();
  let pos = 0;
  while (pos < data.length) {
    if (data[pos] === 0) {
      for (let i = pos; i < data.length; i++) if (data[i] !== 0) return 'garbage after pax records';
      break;
    }
    let len = 0;
    let i = pos;
    for (; i < data.length && i - pos < 20; i++) {
      const c = data[i];
      if (c === 0x20) break;
      if (c < 0x30 || c > 0x39) return 'malformed pax record length';
      len = len * 10 + (c - 0x30);
    }
    if (data[i] !== 0x20 || i === pos || len < 5 || pos + len > data.length || i + 1 >= pos + len) {
      return 'malformed pax record';
    }
    const end = pos + len - 1;
    if (data[end] !== 0x0a) return 'pax record does not end with a newline';
    const eq = data.indexOf(0x3d, i + 1);
    if (eq < 0 || eq >= end || eq === i + 1) return 'pax record without a key';
    const key = data.toString('utf8', i + 1, eq);
    if (key.includes('\0')) return 'NUL in pax record key';
    const value = data.subarray(eq + 1, end);
    if (NUL_FREE_KEYS.has(key) && value.includes(0)) return `NUL in pax ${key}`;
    out.set(key, value);
    pos += len;
  }
  return out;
}

const NUL_FREE_KEYS = new Set(['path', 'linkpath', 'uname', 'gname']);

/** One record, its length prefix counting itself. */
export function encodePaxRecord(key: string, value: Buffer | string): Buffer {
  const v = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  const bodyLen = Buffer.byteLength(key, 'utf8') + v.length + 3;
  let size = bodyLen + String(bodyLen).length;
  if (String(size).length !== String(bodyLen).length) size = bodyLen + String(size).length;
  const head = Buffer.from(`${size} ${key}=`, 'utf8');
  return Buffer.concat([head, v, NEWLINE]);
}

const NEWLINE = Buffer.from('\n');

/** Records in byte order of their keys (as Go's archive/tar writes them), concatenated. */
export function encodePaxRecords(records: Map<string, Buffer | string>): Buffer {
  const keys = [...records.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return Buffer.concat(keys.map((k) => encodePaxRecord(k, records.get(k)!)));
}

/** "%d[.%d]" seconds, possibly negative, to milliseconds (sub-millisecond digits dropped); NaN if malformed. */
export function parsePaxTime(s: string): number {
  const m = /^([-+]?)(\d+)(?:\.(\d*))?$/.exec(s);
  if (!m) return NaN;
  const secs = Number(m[2]);
  const ms = m[3] ? Number((m[3] + '00').slice(0, 3)) : 0;
  const abs = secs * 1000 + ms;
  if (!Number.isSafeInteger(abs)) return NaN;
  return m[1] === '-' ? -abs : abs;
}

/** Milliseconds to pax seconds, trailing fractional zeros trimmed (Go's formatPAXTime at ms precision). */
export function formatPaxTime(ms: number): string {
  const abs = Math.abs(ms);
  const secs = Math.floor(abs / 1000);
  const frac = abs % 1000;
  const sign = ms < 0 ? '-' : '';
  if (frac === 0) return `${sign}${secs}`;
  return `${sign}${secs}.${String(frac).padStart(3, '0').replace(/0+$/, '')}`;
}
