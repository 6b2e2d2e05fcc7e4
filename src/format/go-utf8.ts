// UTF-8 decoded by Go's rule (unicode/utf8.DecodeRune), across chunks: each byte of an invalid or cut-short sequence
// is one error by itself, where the WHATWG decoder (TextDecoder, Buffer#toString) makes one U+FFFD of a maximal bad
// subpart. Docker's json-file log writes each such byte as the escape \ufffd; the errors come out marked with BAD, a
// lone surrogate that no UTF-8 decodes to, for the writer to escape (container/log-file.ts).

import { isUtf8 } from 'node:buffer';

/** An invalid byte's mark in decoded text. */
export const BAD = '\uDFFF';

/** Bytes a sequence led by `b` has in all (0: `b` leads none), and the range its second byte must be in. */
function sequence(b: number): [n: number, lo: number, hi: number] {
  if (b >= 0xc2 && b <= 0xdf) return [2, 0x80, 0xbf];
  if (b === 0xe0) return [3, 0xa0, 0xbf];
  if (b === 0xed) return [3, 0x80, 0x9f];
  if (b >= 0xe1 && b <= 0xef) return [3, 0x80, 0xbf];
  if (b === 0xf0) return [4, 0x90, 0xbf];
  if (b >= 0xf1 && b <= 0xf3) return [4, 0x80, 0xbf];
  if (b === 0xf4) return [4, 0x80, 0x8f];
  return [0, 0, 0];
}

/** Whether the bytes after the lead byte at `at`, up to `end`, continue its sequence (`lo`–`hi` for the second). */
function continues(b: Buffer, at: number, end: number, lo: number, hi: number): boolean {
  for (let i = at + 1; i < end; i++) {
    const [l, h] = i === at + 1 ? [lo, hi] : [0x80, 0xbf];
    if (b[i] < l || b[i] > h) return false;
  }
  return true;
}

/** Whether bytes `b[at..]` (fewer than their sequence needs) could still become a character. */
function isPrefix(b: Buffer, at: number): boolean {
  const [n, lo, hi] = sequence(b[at]);
  return n > 0 && b.length - at < n && continues(b, at, b.length, lo, hi);
}

/** Decodes `b` whole by Go's rule. */
function decodeGo(b: Buffer): string {
  let out = '';
  let start = 0;
  let i = 0;
  while (i < b.length) {
    if (b[i] < 0x80) {
      i++;
      continue;
    }
    const [n, lo, hi] = sequence(b[i]);
    if (n > 0 && i + n <= b.length && continues(b, i, i + n, lo, hi)) {
      i += n;
      continue;
    }
    out += b.toString('utf8', start, i) + BAD;
    i++;
    start = i;
  }
  return out + b.toString('utf8', start, b.length);
}

/** A streaming decoder by Go's rule: a character cut by a chunk's end waits for the next chunk. */
export class GoUtf8Decoder {
  private carry: Buffer | null = null;

  /** The text of `chunk` (after what the last one left); `final`: no more follows, a cut character is errors. */
  decode(chunk: Buffer, final = false): string {
    const b = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = null;
    let end = b.length;
    if (!final) {
      // the last lead byte within a character's length of the end, if its character is cut short
      for (let at = b.length - 1; at >= Math.max(0, b.length - 3); at--) {
        if (b[at] >= 0x80 && b[at] <= 0xbf) continue;
        if (isPrefix(b, at)) end = at;
        break;
      }
      if (end < b.length) this.carry = Buffer.from(b.subarray(end));
    }
    const head = end < b.length ? b.subarray(0, end) : b;
    return isUtf8(head) ? head.toString('utf8') : decodeGo(head);
  }
}
