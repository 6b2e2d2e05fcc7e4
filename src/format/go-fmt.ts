// Go's fmt.Sprint, Sprintln and Sprintf over the values described in go-value.ts: %v printing of slices as
// `[a b]` and maps as `map[k:v]`, the verbs v s d q x X o O b c U t e E f F g G T, flags, width, precision,
// `*` and `%[n]` argument indexes, and fmt's complaints (`%!d(string=x)`, `%!s(MISSING)`, `%!(EXTRA …)`).

import { formatFloat, type FloatFormat } from './go-float.js';
import { kindOf, mapEntries, stringerOf, structFields, typeName } from './go-value.js';

interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  sharpV: boolean;
  wid?: number;
  prec?: number;
}

const noFlags = (): Flags => ({
  plus: false,
  minus: false,
  sharp: false,
  space: false,
  zero: false,
  plusV: false,
  sharpV: false,
});

const runeCount = (s: string) => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

function isPrintRune(c: string): boolean {
  return c === ' ' || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(c);
}

/** strconv.Quote (or QuoteToASCII). */
export function goQuote(s: string, ascii = false): string {
  let out = '"';
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    switch (c) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (cp < 0x80 ? cp >= 0x20 && cp !== 0x7f : !ascii && isPrintRune(c)) out += c;
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp < 0x10000) out += '\\u' + cp.toString(16).padStart(4, '0');
    else out += '\\U' + cp.toString(16).padStart(8, '0');
  }
  return out + '"';
}

class Printer {
  out = '';
  f: Flags = noFlags();

  private padding(n: number, zero = this.f.zero): string {
    return n > 0 ? (zero ? '0' : ' ').repeat(n) : '';
  }

  pad(s: string): void {
    const { wid, minus } = this.f;
    if (!wid) {
      this.out += s;
      return;
    }
    const fill = this.padding(wid - runeCount(s));
    this.out += minus ? s + fill : fill + s;
  }

  private truncate(s: string): string {
    if (this.f.prec === undefined) return s;
    return Array.from(s).slice(0, this.f.prec).join('');
  }

  badVerb(verb: string, v: unknown): void {
    this.out += '%!' + verb + '(';
    if (v === null || v === undefined) this.out += '<nil>';
    else {
      this.out += typeName(v) + '=';
      const saved = this.f;
      this.f = noFlags();
      this.printValue(v, 'v', 0);
      this.f = saved;
    }
    this.out += ')';
  }

  fmtInteger(v: number | bigint, verb: string): void {
    const base = verb === 'b' ? 2 : verb === 'o' || verb === 'O' ? 8 : verb === 'x' || verb === 'X' ? 16 : 10;
    const neg = v < 0;
    let digits = (neg ? -BigInt(v) : BigInt(v)).toString(base);
    if (verb === 'X') digits = digits.toUpperCase();
    const f = this.f;
    let prec = 0;
    if (f.prec !== undefined) {
      prec = f.prec;
      if (prec === 0 && BigInt(v) === 0n) {
        this.out += this.padding(f.wid ?? 0, false);
        return;
      }
    } else if (f.zero && f.wid !== undefined && !f.minus) {
      prec = f.wid;
      if (neg || f.plus || f.space) prec--;
    }
    digits = digits.padStart(prec, '0');
    if (f.sharp) {
      if (base === 2) digits = '0b' + digits;
      else if (base === 8 && digits[0] !== '0') digits = '0' + digits;
      else if (base === 16) digits = (verb === 'X' ? '0X' : '0x') + digits;
    }
    if (verb === 'O') digits = '0o' + digits;
    const sign = neg ? '-' : f.plus ? '+' : f.space ? ' ' : '';
    const zero = f.zero;
    f.zero = false;
    this.pad(sign + digits);
    f.zero = zero;
  }

  fmtFloat(v: number, verb: string): void {
    const f = this.f;
    let fmt: FloatFormat;
    let prec: number;
    switch (verb) {
      case 'v':
        fmt = 'g';
        prec = -1;
        break;
      case 'g':
      case 'G':
        fmt = verb;
        prec = -1;
        break;
      case 'e':
      case 'E':
      case 'f':
        fmt = verb;
        prec = 6;
        break;
      case 'F':
        fmt = 'f';
        prec = 6;
        break;
      default:
        this.badVerb(verb, v);
        return;
    }
    if (f.prec !== undefined) prec = f.prec;
    let num = formatFloat(v, fmt, prec);
    if (num[0] !== '-' && num[0] !== '+') num = '+' + num;
    if (f.space && num[0] === '+' && !f.plus) num = ' ' + num.slice(1);
    if (num[1] === 'I' || num[1] === 'N') {
      if (num[1] === 'N' && !f.space && !f.plus) num = num.slice(1);
      const zero = f.zero;
      f.zero = false;
      this.pad(num);
      f.zero = zero;
      return;
    }
    if (f.sharp) num = sharpFloat(num, verb, prec);
    if (f.plus || num[0] !== '+') {
      if (f.zero && !f.minus && f.wid !== undefined && f.wid > num.length) {
        this.out += num[0] + this.padding(f.wid - num.length) + num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }

  fmtString(s: string, verb: string): void {
    switch (verb) {
      case 'v':
        if (this.f.sharpV) this.pad(goQuote(s));
        else this.pad(this.truncate(s));
        return;
      case 's':
        this.pad(this.truncate(s));
        return;
      case 'q':
        s = this.truncate(s);
        if (this.f.sharp && !/[`\x00-\x08\x0a-\x1f\x7f\ufeff]/.test(s)) this.pad('`' + s + '`');
        else this.pad(goQuote(s, this.f.plus));
        return;
      case 'x':
      case 'X':
        this.fmtHex(s, verb);
        return;
      default:
        this.badVerb(verb, s);
    }
  }

  private fmtHex(s: string, verb: string): void {
    let bytes = [...Buffer.from(s)];
    if (this.f.prec !== undefined) bytes = bytes.slice(0, this.f.prec);
    const prefix = this.f.sharp ? (verb === 'X' ? '0X' : '0x') : '';
    const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).map((h) => (verb === 'X' ? h.toUpperCase() : h));
    const text = this.f.space ? hex.map((h) => prefix + h).join(' ') : hex.length ? prefix + hex.join('') : '';
    const zero = this.f.zero;
    this.f.zero = false;
    this.pad(text);
    this.f.zero = zero;
  }

  private fmtRune(v: number | bigint, verb: string): void {
    const n = Number(v);
    const c = n >= 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : '\ufffd';
    if (verb === 'c') this.pad(c);
    else if (verb === 'q') {
      const body = goQuote(c, this.f.plus).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
      this.pad("'" + body + "'");
    }
    else {
      let s = 'U+' + n.toString(16).toUpperCase().padStart(Math.max(4, this.f.prec ?? 0), '0');
      if (this.f.sharp && isPrintRune(c)) s += " '" + c + "'";
      const zero = this.f.zero;
      this.f.zero = false;
      this.pad(s);
      this.f.zero = zero;
    }
  }

  printValue(v: unknown, verb: string, depth: number): void {
    if (verb === 'T') {
      this.pad(typeName(v));
      return;
    }
    const str = stringerOf(v);
    if (str !== undefined && 'vsqxX'.includes(verb) && !this.f.sharpV) {
      this.fmtString(str, verb);
      return;
    }
    const kind = kindOf(v);
    switch (kind) {
      case 'invalid':
      case 'nil':
        if (verb === 'v' || depth > 0) this.pad('<nil>');
        else this.badVerb(verb, null);
        return;
      case 'bool':
        if (verb === 'v' || verb === 't') this.pad(v ? 'true' : 'false');
        else this.badVerb(verb, v);
        return;
      case 'int':
        if ('vdboOxX'.includes(verb)) this.fmtInteger(v as number | bigint, verb === 'v' ? 'd' : verb);
        else if ('cqU'.includes(verb)) this.fmtRune(v as number, verb);
        else if ('eEfFgG'.includes(verb)) this.fmtFloat(Number(v), verb);
        else this.badVerb(verb, v);
        return;
      case 'float':
        this.fmtFloat(v as number, verb);
        return;
      case 'string':
        this.fmtString(v as string, verb);
        return;
      case 'slice': {
        const items = Array.isArray(v) ? v : [];
        if (this.f.sharpV) {
          this.out += typeName(v) + '{';
          items.forEach((x, i) => {
            if (i > 0) this.out += ', ';
            this.printValue(x, verb, depth + 1);
          });
          this.out += '}';
          return;
        }
        this.out += '[';
        items.forEach((x, i) => {
          if (i > 0) this.out += ' ';
          this.printValue(x, verb, depth + 1);
        });
        this.out += ']';
        return;
      }
      case 'map': {
        this.out += this.f.sharpV ? typeName(v) + '{' : 'map[';
        mapEntries(v as object).forEach(([k, x], i) => {
          if (i > 0) this.out += this.f.sharpV ? ', ' : ' ';
          this.printValue(k, verb, depth + 1);
          this.out += ':';
          this.printValue(x, verb, depth + 1);
        });
        this.out += this.f.sharpV ? '}' : ']';
        return;
      }
      case 'ptr':
        if (verb === 'v') this.pad('<nil>');
        else this.badVerb(verb, v);
        return;
      case 'struct':
      case 'time': {
        this.out += '{';
        structFields(v as object).forEach(([name, x], i) => {
          if (i > 0) this.out += this.f.sharpV ? ', ' : ' ';
          if (this.f.plusV || this.f.sharpV) this.out += name + ':';
          this.printValue(x, verb, depth + 1);
        });
        this.out += '}';
        return;
      }
      case 'func':
        this.pad('0x0');
        return;
    }
  }
}

function sharpFloat(num: string, verb: string, prec: number): string {
  let digits = verb === 'v' || verb === 'g' || verb === 'G' ? (prec === -1 ? 6 : prec) : 0;
  let tail = '';
  const e = num.search(/[eE]/);
  if (e >= 0) {
    tail = num.slice(e);
    num = num.slice(0, e);
  }
  let sawNonzero = false;
  for (const c of num.slice(1)) {
    if (c === '.') continue;
    if (c !== '0') sawNonzero = true;
    if (sawNonzero) digits--;
  }
  if (!num.includes('.')) {
    if (num.length === 2 && num[1] === '0') digits--;
    num += '.';
  }
  while (digits > 0) {
    num += '0';
    digits--;
  }
  return num + tail;
}

/** fmt.Sprint: operands separated by a space when neither side is a string. */
export function sprint(args: unknown[]): string {
  const p = new Printer();
  let prevString = false;
  args.forEach((a, i) => {
    const isString = typeof a === 'string';
    if (i > 0 && !isString && !prevString) p.out += ' ';
    p.f = noFlags();
    p.printValue(a, 'v', 0);
    prevString = isString;
  });
  return p.out;
}

/** fmt.Sprintln: operands always separated by a space, then a newline. */
export function sprintln(args: unknown[]): string {
  const p = new Printer();
  args.forEach((a, i) => {
    if (i > 0) p.out += ' ';
    p.f = noFlags();
    p.printValue(a, 'v', 0);
  });
  return p.out + '\n';
}

/** fmt.Sprint of one value: Go's %v. */
export function formatValue(v: unknown): string {
  return sprint([v]);
}

function parseNum(s: string, i: number): [number | undefined, number] {
  let j = i;
  while (j < s.length && s[j] >= '0' && s[j] <= '9') j++;
  if (j === i) return [undefined, i];
  const n = Number(s.slice(i, j));
  return n > 1e6 ? [undefined, j] : [n, j];
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: unknown[]): string {
  const p = new Printer();
  let argNum = 0;
  let reordered = false;
  const end = format.length;
  const intArg = (): number | undefined => {
    if (argNum >= args.length) return undefined;
    const a = args[argNum++];
    return kindOf(a) === 'int' ? Number(a) : undefined;
  };
  const argIndex = (i: number): [number, boolean, boolean] => {
    if (format[i] !== '[') return [i, false, true];
    reordered = true;
    const close = format.indexOf(']', i);
    if (close < 0) return [i + 1, false, false];
    const n = /^\d+$/.test(format.slice(i + 1, close)) ? Number(format.slice(i + 1, close)) - 1 : -1;
    if (n >= 0 && n < args.length) {
      argNum = n;
      return [close + 1, true, true];
    }
    return [close + 1, false, false];
  };
  for (let i = 0; i < end; ) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      p.out += format.slice(i);
      break;
    }
    p.out += format.slice(i, pct);
    i = pct + 1;
    const f = noFlags();
    p.f = f;
    for (; i < end; i++) {
      const c = format[i];
      if (c === '#') f.sharp = true;
      else if (c === '0') f.zero = !f.minus;
      else if (c === '+') f.plus = true;
      else if (c === '-') {
        f.minus = true;
        f.zero = false;
      } else if (c === ' ') f.space = true;
      else break;
    }
    let goodArgNum = true;
    let afterIndex: boolean;
    let ok: boolean;
    [i, afterIndex, ok] = argIndex(i);
    if (!ok) goodArgNum = false;
    if (format[i] === '*') {
      i++;
      f.wid = intArg();
      if (f.wid === undefined) p.out += '%!(BADWIDTH)';
      else if (f.wid < 0) {
        f.wid = -f.wid;
        f.minus = true;
        f.zero = false;
      }
      afterIndex = false;
    } else {
      [f.wid, i] = parseNum(format, i);
      if (afterIndex && f.wid !== undefined) goodArgNum = false;
    }
    if (i + 1 < end && format[i] === '.') {
      i++;
      if (afterIndex) goodArgNum = false;
      [i, afterIndex, ok] = argIndex(i);
      if (!ok) goodArgNum = false;
      if (format[i] === '*') {
        i++;
        f.prec = intArg();
        if (f.prec !== undefined && f.prec < 0) f.prec = undefined;
        if (f.prec === undefined) p.out += '%!(BADPREC)';
        afterIndex = false;
      } else {
        [f.prec, i] = parseNum(format, i);
        f.prec ??= 0;
      }
    }
    if (!afterIndex) {
      [i, , ok] = argIndex(i);
      if (!ok) goodArgNum = false;
    }
    if (i >= end) {
      p.out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === '%') {
      p.out += '%';
      continue;
    }
    if (!goodArgNum) {
      p.out += '%!' + verb + '(BADINDEX)';
      continue;
    }
    if (argNum >= args.length) {
      p.out += '%!' + verb + '(MISSING)';
      continue;
    }
    if (verb === 'v') {
      f.sharpV = f.sharp;
      f.sharp = false;
      f.plusV = f.plus;
      f.plus = false;
    }
    p.printValue(args[argNum++], verb, 0);
  }
  if (!reordered && argNum < args.length) {
    p.f = noFlags();
    p.out += '%!(EXTRA ';
    args.slice(argNum).forEach((a, i) => {
      if (i > 0) p.out += ', ';
      if (a === null || a === undefined) p.out += '<nil>';
      else {
        p.out += typeName(a) + '=';
        p.printValue(a, 'v', 0);
      }
    });
    p.out += ')';
  }
  return p.out;
}
