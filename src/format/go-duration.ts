// Go's time.ParseDuration, for the values Docker reads with it (`--since 10m`, `until=24h`, HEALTHCHECK intervals).

const PARSE_UNITS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** time.ParseDuration: `1h30m`, `1.5s`, `500ms`; null when invalid. */
export function parseGoDuration(text: string): number | null {
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') return null;
  let total = 0;
  const re = /^([0-9]*(?:\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)/;
  while (s.length) {
    const m = re.exec(s);
    if (!m || m[1] === '' || m[1] === '.') return null;
    total += parseFloat(m[1]) * PARSE_UNITS[m[2]];
    s = s.slice(m[0].length);
  }
  return sign * Math.round(total);
}
