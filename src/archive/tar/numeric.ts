// Numeric header fields: octal text (POSIX ustar) and GNU base-256 binary, read and written in place in a Buffer.

const SPACE = 0x20;

/**
 * Parses the field `buf[start, end)`: base-256 when the first byte has its high bit set (GNU, two's complement),
 * else octal digits after optional spaces/NULs, ended by a space, a NUL or the field's end (what follows the
 * terminator is ignored, as GNU tar does). Returns NaN when malformed or beyond 2^53.
 */
export function parseNumeric(buf: Buffer, start: number, end: number): number {
  const first = buf[start];
  if (first & 0x80) return parseBase256(buf, start, end);
  let i = start;
  while (i < end && (buf[i] === SPACE || buf[i] === 0)) i++;
  let value = 0;
  for (; i < end; i++) {
    const c = buf[i] - 0x30;
    if (c < 0 || c > 7) break;
    value = value * 8 + c;
  }
  if (i < end && buf[i] !== SPACE && buf[i] !== 0) return NaN;
  return Number.isSafeInteger(value) ? value : NaN;
}

function parseBase256(buf: Buffer, start: number, end: number): number {
  const inv = buf[start] & 0x40 ? 0xff : 0;
  let value = 0;
  for (let i = start; i < end; i++) {
    let c = buf[i] ^ inv;
    if (i === start) c &= 0x7f;
    if (value > (Number.MAX_SAFE_INTEGER - c) / 256) return NaN;
    value = value * 256 + c;
  }
  return inv ? -value - 1 : value;
}

/** 8^(width-1) for the field widths tar has (up to 12 bytes): the first value a `width`-byte octal field can't hold. */
const OCTAL_LIMIT = Array.from({ length: 13 }, (_, w) => (w === 0 ? 0 : 8 ** (w - 1)));

/** Whether `value` fits a `width`-byte octal field with its NUL terminator. */
export function fitsOctal(value: number, width: number): boolean {
  return Number.isSafeInteger(value) && value >= 0 && value < (OCTAL_LIMIT[width] ?? 8 ** (width - 1));
}

/**
 * Writes `value` as zero-padded octal in `width - 1` digits plus a NUL (Go's formatOctal); 0 if it does not fit.
 * Digit by digit into the buffer: this runs several times for every entry of every archive written.
 */
export function writeOctal(buf: Buffer, offset: number, width: number, value: number): void {
  let v = fitsOctal(value, width) ? value : 0;
  const last = offset + width - 1;
  for (let i = last - 1; i >= offset; i--) {
    buf[i] = 0x30 + (v % 8);
    v = Math.floor(v / 8);
  }
  buf[last] = 0;
}

/** Whether `value` fits a `width`-byte GNU base-256 field. */
export function fitsBase256(value: number, width: number): boolean {
  if (!Number.isSafeInteger(value)) return false;
  if (width >= 9) return true;
  const bound = 2 ** ((width - 1) * 8);
  return value >= -bound && value < bound;
}

/** Writes `value` as GNU base-256: big-endian two's complement with the high bit of the first byte set. */
export function writeBase256(buf: Buffer, offset: number, width: number, value: number): void {
  let v = BigInt(value);
  for (let i = offset + width - 1; i >= offset; i--) {
    buf[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  buf[offset] |= 0x80;
}

/** Octal when it fits, else base-256 (GNU); used for fields that have no pax record (devmajor, devminor). */
export function writeNumeric(buf: Buffer, offset: number, width: number, value: number): void {
  if (fitsOctal(value, width)) writeOctal(buf, offset, width, value);
  else if (fitsBase256(value, width)) writeBase256(buf, offset, width, value);
  else throw new RangeError(`tar: ${value} does not fit a ${width}-byte field`);
}
