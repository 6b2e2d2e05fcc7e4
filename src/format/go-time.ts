// Go's time.Time as Docker parses and prints it: RFC 3339 in (time.Parse, as Go 1.19 does it), RFC3339 and
// RFC3339Nano out (fraction with trailing zeros trimmed, `Z` for a zero offset, the parsed offset kept).
// Nanoseconds survive the round trip, which a JS Date would lose.

export interface GoTime {
  /** Seconds since the Unix epoch (UTC); what Go's t.Unix() returns. */
  seconds: number;
  /** 0 ≤ nanos < 1e9. */
  nanos: number;
  /** The zone offset the time prints in, east of UTC. */
  offsetSeconds: number;
}

/** Go's zero time.Time: 0001-01-01T00:00:00Z. */
export const GO_ZERO_TIME: GoTime = { seconds: -62135596800, nanos: 0, offsetSeconds: 0 };

const RFC3339_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?(?:Z|([+-])(\d{2}):(\d{2}))$/;

function civilToUnix(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  t.setUTCHours(h, mi, s, 0);
  return t.getTime() / 1000;
}

/** time.Parse(time.RFC3339, s); null where Go would fail. Fraction digits past nine are dropped, as Go does. */
export function parseRFC3339(s: string): GoTime | null {
  const m = RFC3339_RE.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, sec] = m.slice(1, 7).map(Number);
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || sec > 59) return null;
  const seconds = civilToUnix(y, mo, d, h, mi, sec);
  if (new Date(seconds * 1000).getUTCDate() !== d) return null;
  const nanos = m[7] ? Number(m[7].slice(0, 9).padEnd(9, '0')) : 0;
  const offsetSeconds = m[8] ? (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 3600 + Number(m[10]) * 60) : 0;
  return { seconds: seconds - offsetSeconds, nanos, offsetSeconds };
}

/**
 * Now, in UTC, with the high-resolution clock's fraction (Docker's times have nine digits; a Date has three). The
 * global `performance`: importing node:perf_hooks would load its dozen modules with every command.
 */
/**
 * The wall clock once, and the monotonic clock from then: sub-millisecond times that still order. (The global
 * `performance` would do the same, but touching it loads node:perf_hooks, ~0.6 ms of every container start.)
 */
let clockOrigin: { ms: number; hr: bigint } | null = null;

export function goTimeNow(): GoTime {
  clockOrigin ??= { ms: Date.now(), hr: process.hrtime.bigint() };
  const ms = clockOrigin.ms + Number(process.hrtime.bigint() - clockOrigin.hr) / 1e6;
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanos: Math.min(999_999_999, Math.round((ms - seconds * 1000) * 1e6)), offsetSeconds: 0 };
}

export function goTimeFromDate(d: Date, offsetSeconds = 0): GoTime {
  const ms = d.getTime();
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanos: (ms - seconds * 1000) * 1e6, offsetSeconds };
}

/** The offset of this process's local zone (TZ) at an instant, as Go's time.Local would apply it. */
export function localOffsetSeconds(unixSeconds: number): number {
  return -new Date(unixSeconds * 1000).getTimezoneOffset() * 60;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** The last wall-clock second formatted: a container's log stamps every line, most of them within one second. */
let lastWall: { seconds: number; text: string } | null = null;

function wallText(seconds: number): string {
  if (lastWall?.seconds === seconds) return lastWall.text;
  const wall = new Date(seconds * 1000);
  const text =
    `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1, 2)}-${pad(wall.getUTCDate(), 2)}` +
    `T${pad(wall.getUTCHours(), 2)}:${pad(wall.getUTCMinutes(), 2)}:${pad(wall.getUTCSeconds(), 2)}`;
  lastWall = { seconds, text };
  return text;
}

/** `.` and the nanoseconds' nine digits without their trailing zeros (Go's RFC3339Nano fraction). */
function fractionText(nanos: number): string {
  let n = Math.round(nanos);
  let digits = 9;
  while (n % 10 === 0) {
    n /= 10;
    digits--;
  }
  return '.' + String(n).padStart(digits, '0');
}

function format(t: GoTime, fraction: boolean): string {
  let out = wallText(t.seconds + t.offsetSeconds);
  if (fraction && t.nanos > 0) out += fractionText(t.nanos);
  if (t.offsetSeconds === 0) return out + 'Z';
  const abs = Math.abs(t.offsetSeconds);
  return out + (t.offsetSeconds < 0 ? '-' : '+') + pad(Math.floor(abs / 3600), 2) + ':' + pad(Math.floor(abs / 60) % 60, 2);
}

/** t.Format(time.RFC3339Nano), which is also how encoding/json writes a time.Time. */
export function formatRFC3339Nano(t: GoTime): string {
  return format(t, true);
}

/** t.Format(time.RFC3339). */
export function formatRFC3339(t: GoTime): string {
  return format(t, false);
}

function zoneAbbreviation(unixSeconds: number, offsetSeconds: number): string {
  if (offsetSeconds === 0 && (!process.env.TZ || /^(UTC|Etc\/UTC|UTC0|:?\/etc\/localtime)?$/.test(process.env.TZ))) return 'UTC';
  const part = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' })
    .formatToParts(new Date(unixSeconds * 1000))
    .find((p) => p.type === 'timeZoneName')?.value;
  return part && /^[A-Z]{2,5}$/.test(part) ? part : (offsetSeconds < 0 ? '-' : '+') + pad(Math.floor(Math.abs(offsetSeconds) / 3600), 2);
}

/** Go's Time.String() of time.Unix(s, 0) in the local zone: `2006-01-02 15:04:05 -0700 MST`. */
export function goTimeString(unixSeconds: number): string {
  const off = localOffsetSeconds(unixSeconds);
  const wall = new Date((unixSeconds + off) * 1000);
  const abs = Math.abs(off);
  return (
    `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1, 2)}-${pad(wall.getUTCDate(), 2)} ` +
    `${pad(wall.getUTCHours(), 2)}:${pad(wall.getUTCMinutes(), 2)}:${pad(wall.getUTCSeconds(), 2)} ` +
    `${off < 0 ? '-' : '+'}${pad(Math.floor(abs / 3600), 2)}${pad(Math.floor(abs / 60) % 60, 2)} ${zoneAbbreviation(unixSeconds, off)}`
  );
}
