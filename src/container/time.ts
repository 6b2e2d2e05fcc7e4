// Timestamps as Docker records them: RFC 3339 UTC with up to nine fraction digits (trailing zeros trimmed); the
// fraction comes from the high-resolution clock, so entries written in one millisecond still order.

import { formatRFC3339Nano, goTimeNow, parseRFC3339 } from '../format/go-time.js';

export function nowRFC3339Nano(): string {
  return formatRFC3339Nano(goTimeNow());
}

/** Milliseconds since the epoch of an RFC 3339 time (NaN for Go's zero time or garbage). */
export function timeMs(s: string): number {
  const t = parseRFC3339(s);
  if (!t || t.seconds < -62135596700) return NaN;
  return t.seconds * 1000 + t.nanos / 1e6;
}
