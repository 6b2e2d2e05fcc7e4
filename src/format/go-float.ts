// Go's strconv.FormatFloat for float64 in the 'e', 'E', 'f', 'g' and 'G' formats. A fixed precision rounds the
// exact binary value, ties to even (as Go does: 1.125 at 3 digits is "1.12", not JS's "1.13"); precision -1 gives
// the shortest digits that read back to the same number.

/** A decimal 0.d × 10^dp; `d` has no leading or trailing zeros ("" is zero). */
interface Decimal {
  d: string;
  dp: number;
}

function exactDecimal(x: number): Decimal {
  if (x === 0) return { d: '', dp: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(view.getUint32(4));
  let exp = -1074;
  if (biased !== 0) {
    mant |= 1n << 52n;
    exp = biased - 1075;
  }
  let digits: string;
  let dp: number;
  if (exp >= 0) {
    digits = (mant << BigInt(exp)).toString();
    dp = digits.length;
  } else {
    digits = (mant * 5n ** BigInt(-exp)).toString();
    dp = digits.length + exp;
  }
  return trimZeros({ d: digits, dp });
}

function shortestDecimal(x: number): Decimal {
  if (x === 0) return { d: '', dp: 0 };
  const [mant, e] = x.toExponential().split('e');
  return trimZeros({ d: mant.replace('.', ''), dp: Number(e) + 1 });
}

function trimZeros(v: Decimal): Decimal {
  let end = v.d.length;
  while (end > 0 && v.d[end - 1] === '0') end--;
  return { d: v.d.slice(0, end), dp: end === 0 ? 0 : v.dp };
}

/** Keeps `nd` digits, rounding half to even on an exact tie (Go's decimal.Round). */
function roundDecimal(v: Decimal, nd: number): Decimal {
  if (nd < 0 || nd >= v.d.length) return v;
  const next = v.d.charCodeAt(nd) - 48;
  const up =
    next > 5 || (next === 5 && (nd + 1 < v.d.length || (nd > 0 && (v.d.charCodeAt(nd - 1) - 48) % 2 === 1)));
  if (!up) return trimZeros({ d: v.d.slice(0, nd), dp: v.dp });
  let i = nd - 1;
  while (i >= 0 && v.d[i] === '9') i--;
  if (i < 0) return { d: '1', dp: v.dp + 1 };
  return { d: v.d.slice(0, i) + String.fromCharCode(v.d.charCodeAt(i) + 1), dp: v.dp };
}

function fmtE(neg: boolean, v: Decimal, prec: number, e: 'e' | 'E'): string {
  let s = neg ? '-' : '';
  s += v.d.length > 0 ? v.d[0] : '0';
  if (prec > 0) s += '.' + v.d.slice(1, prec + 1).padEnd(prec, '0');
  const exp = v.d.length === 0 ? 0 : v.dp - 1;
  const abs = Math.abs(exp);
  return s + e + (exp < 0 ? '-' : '+') + (abs < 10 ? '0' + abs : String(abs));
}

function fmtF(neg: boolean, v: Decimal, prec: number): string {
  let s = neg ? '-' : '';
  if (v.dp > 0) s += v.d.slice(0, v.dp).padEnd(v.dp, '0');
  else s += '0';
  if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) {
      const j = v.dp + i;
      s += j >= 0 && j < v.d.length ? v.d[j] : '0';
    }
  }
  return s;
}

export type FloatFormat = 'e' | 'E' | 'f' | 'g' | 'G';

/** strconv.FormatFloat(x, fmt, prec, 64). */
export function formatFloat(x: number, fmt: FloatFormat, prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const abs = Math.abs(x);
  const shortest = prec < 0;
  let v: Decimal;
  if (shortest) {
    v = shortestDecimal(abs);
    if (fmt === 'e' || fmt === 'E') prec = Math.max(v.d.length - 1, 0);
    else if (fmt === 'f') prec = Math.max(v.d.length - v.dp, 0);
    else prec = v.d.length;
  } else {
    v = exactDecimal(abs);
    if (fmt === 'e' || fmt === 'E') v = roundDecimal(v, prec + 1);
    else if (fmt === 'f') v = roundDecimal(v, v.dp + prec);
    else {
      if (prec === 0) prec = 1;
      v = roundDecimal(v, prec);
    }
  }
  if (fmt === 'e' || fmt === 'E') return fmtE(neg, v, prec, fmt);
  if (fmt === 'f') return fmtF(neg, v, prec);
  let eprec = prec;
  if (eprec > v.d.length && v.d.length >= v.dp) eprec = v.d.length;
  if (shortest) eprec = 6;
  const exp = v.dp - 1;
  if (exp < -4 || exp >= eprec) {
    if (prec > v.d.length) prec = v.d.length;
    return fmtE(neg, v, prec - 1, fmt === 'g' ? 'e' : 'E');
  }
  if (prec > v.dp) prec = v.d.length;
  return fmtF(neg, v, Math.max(prec - v.dp, 0));
}
