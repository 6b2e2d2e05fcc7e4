// Docker's timetypes.GetTimestamp: the times its flags and filters take.

import { BerthError } from '../errors.js';
import { parseRFC3339 } from './go-time.js';
import { parseGoDuration } from './go-duration.js';

/**
 * A time as Docker's timetypes.GetTimestamp reads it (`logs --since/--until`, the prune filters' `until`), in milliseconds since the epoch: a duration
 * before now (`10m`, `1h30m`), a Unix time (`1700000000`, with a fraction too), or an RFC 3339 time (local when it
 * names no zone; a date alone is its midnight).
 */
export function dockerTimestamp(value: string, now = Date.now()): number {
  const d = parseGoDuration(value);
  if (d !== null) return now - d / 1e6;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const zoned = parseRFC3339(value);
  if (zoned) return zoned.seconds * 1000 + zoned.nanos / 1e6;
  const m = /^(\d{4})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?)?$/.exec(value);
  if (m) {
    const [y, mo, da, h = '0', mi = '0', s = '0'] = m.slice(1, 7);
    return new Date(Number(y), Number(mo) - 1, Number(da), Number(h), Number(mi), Number(s)).getTime() + Number(`0.${m[7] ?? '0'}`) * 1000;
  }
  throw new BerthError('INVALID_ARGUMENT', `failed to parse value as time or duration: ${JSON.stringify(value)}`);
}
