// Random bytes for IDs and temporary names, read from the kernel's CSPRNG (/dev/urandom, what node:crypto's
// randomBytes is seeded from too) in blocks: loading node:crypto costs ~2 ms of start-up, and commands like `run`
// need randomness but no hashing. Integers are drawn without modulo bias.

import { randomFillSync } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';

const BLOCK = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

/** Fills `buf` from /dev/urandom; false when it can't be read (a chroot without /dev, say). */
function fromDevice(buf: Buffer): boolean {
  let fd: number;
  try {
    fd = openSync('/dev/urandom', 'r');
  } catch {
    return false;
  }
  try {
    for (let got = 0; got < buf.length; ) {
      const n = readSync(fd, buf, got, buf.length - got, null);
      if (n <= 0) return false;
      got += n;
    }
    return true;
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}

function refill(): void {
  const fresh = Buffer.allocUnsafe(BLOCK);
  // node:crypto (the kernel's getrandom underneath) where the device is missing: loaded only then (lazily bundled)
  if (!fromDevice(fresh)) randomFillSync(fresh);
  pool = fresh;
  offset = 0;
}

/** `n` random bytes (a copy: callers may keep it). */
export function randomBytes(n: number): Buffer {
  const out = Buffer.allocUnsafe(n);
  let filled = 0;
  while (filled < n) {
    if (offset >= pool.length) refill();
    const take = Math.min(n - filled, pool.length - offset);
    pool.copy(out, filled, offset, offset + take);
    // Used bytes are wiped, so no later caller (or a heap dump) sees them again.
    pool.fill(0, offset, offset + take);
    offset += take;
    filled += take;
  }
  return out;
}

/** A random integer in [0, max), max ≤ 2^32, uniform (values past the last whole multiple of max are drawn again). */
export function randomInt(max: number): number {
  if (!Number.isInteger(max) || max <= 0 || max > 2 ** 32) throw new RangeError(`randomInt: bad range ${max}`);
  const limit = 2 ** 32 - (2 ** 32 % max);
  for (;;) {
    const v = randomBytes(4).readUInt32BE(0);
    if (v < limit) return v % max;
  }
}
