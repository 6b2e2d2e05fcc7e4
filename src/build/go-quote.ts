// Go's fmt verbs as the classic builder uses them in history rows: %q of strings and string slices, %q of an int
// (a quoted rune), time.Duration's String() and time.ParseDuration, and %q of a HEALTHCHECK config.

const SIMPLE: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };

function quoteWith(s: string, q: '"' | "'"): string {
  let out = q;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === q || ch === '\\') out += '\\' + ch;
    else if (SIMPLE[ch]) out += SIMPLE[ch];
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp < 0x7f) out += ch; // printable ASCII, without compiling the Unicode-class pattern below
    else if (/[\p{L}\p{M}\p{N}\p{P}\p{S}\u0020]/u.test(ch)) out += ch;
    else if (cp < 0x10000) out += '\\u' + cp.toString(16).padStart(4, '0');
    else out += '\\U' + cp.toString(16).padStart(8, '0');
  }
  return out + q;
}

/** strconv.Quote / fmt %q of a string. */
export const goQuote = (s: string): string => quoteWith(s, '"');

/** fmt %q of a []string: `["a" "b"]`. */
export const goQuoteSlice = (a: readonly string[]): string => `[${a.map(goQuote).join(' ')}]`;

/** fmt %v of a []string: `[a b]`. */
export const goSlice = (a: readonly string[]): string => `[${a.join(' ')}]`;

/** fmt %q of an int: the quoted rune. */
export const goQuoteRune = (n: number): string => quoteWith(String.fromCodePoint(n), "'");


function fraction(v: number, digits: number): string {
  const s = String(v).padStart(digits, '0').replace(/0+$/, '');
  return s ? '.' + s : '';
}

/** time.Duration.String() of nanoseconds. */
export function goDuration(ns: number): string {
  if (ns === 0) return '0s';
  const neg = ns < 0;
  let u = Math.abs(ns);
  let out: string;
  if (u < 1e9) {
    if (u < 1e3) out = `${u}ns`;
    else if (u < 1e6) out = `${Math.floor(u / 1e3)}${fraction(u % 1e3, 3)}µs`;
    else out = `${Math.floor(u / 1e6)}${fraction(u % 1e6, 6)}ms`;
  } else {
    const h = Math.floor(u / 3600e9);
    u -= h * 3600e9;
    const m = Math.floor(u / 60e9);
    u -= m * 60e9;
    const s = `${Math.floor(u / 1e9)}${fraction(u % 1e9, 9)}s`;
    out = h > 0 ? `${h}h${m}m${s}` : m > 0 ? `${m}m${s}` : s;
  }
  return neg ? '-' + out : out;
}

export { parseGoDuration } from '../format/go-duration.js';

export interface HealthcheckValue {
  Test: string[];
  Interval?: number;
  Timeout?: number;
  StartPeriod?: number;
  Retries?: number;
}

/** fmt %q of *container.HealthConfig, as `HEALTHCHECK %q` writes it into history. */
export function goQuoteHealthcheck(h: HealthcheckValue): string {
  const d = (v?: number) => goQuote(goDuration(v ?? 0));
  return `&{${goQuoteSlice(h.Test)} ${d(h.Interval)} ${d(h.Timeout)} ${d(h.StartPeriod)} ${goQuoteRune(h.Retries ?? 0)}}`;
}

