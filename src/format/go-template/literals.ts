// Go literals inside template actions: strconv.Unquote for "…", `…` and '…', and the number rules of
// text/template/parse (ints in bases 2/8/10/16 with `_`, floats, character constants).

import type { NumberNode } from './ast.js';

const SIMPLE: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };

function pushRune(bytes: number[], cp: number): void {
  bytes.push(...Buffer.from(String.fromCodePoint(cp)));
}

/** strconv.Unquote; throws "invalid syntax". */
export function unquote(quoted: string): string {
  const q = quoted[0];
  if (quoted.length < 2 || quoted[quoted.length - 1] !== q) throw new Error('invalid syntax');
  const body = quoted.slice(1, -1);
  if (q === '`') {
    if (body.includes('`')) throw new Error('invalid syntax');
    return body.replace(/\r/g, '');
  }
  if (q !== '"' && q !== "'") throw new Error('invalid syntax');
  const bytes: number[] = [];
  let runes = 0;
  for (let i = 0; i < body.length; ) {
    const c = body[i];
    if (c === q || c === '\n') throw new Error('invalid syntax');
    runes++;
    if (c !== '\\') {
      const cp = body.codePointAt(i)!;
      pushRune(bytes, cp);
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const e = body[i + 1];
    i += 2;
    if (e in SIMPLE) bytes.push(SIMPLE[e]);
    else if (e === q) bytes.push(q.charCodeAt(0));
    else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i, i + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) throw new Error('invalid syntax');
      i += n;
      const v = parseInt(hex, 16);
      if (e === 'x') {
        if (q === "'") pushRune(bytes, v);
        else bytes.push(v);
      } else {
        if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) throw new Error('invalid syntax');
        pushRune(bytes, v);
      }
    } else if (e >= '0' && e <= '7') {
      const oct = body.slice(i - 1, i + 2);
      if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) throw new Error('invalid syntax');
      i += 2;
      if (q === "'") pushRune(bytes, parseInt(oct, 8));
      else bytes.push(parseInt(oct, 8));
    } else throw new Error('invalid syntax');
  }
  if (q === "'" && runes !== 1) throw new Error('invalid syntax');
  return Buffer.from(bytes).toString('utf8');
}

const INT = /^[+-]?(0[xX](_?[0-9a-fA-F])+|0[bB](_?[01])+|0[oO](_?[0-7])+|0(_?[0-7])*|[1-9](_?[0-9])*)$/;
const DEC_FLOAT = /^[+-]?(([0-9](_?[0-9])*)?\.?([0-9](_?[0-9])*)?)([eE][+-]?[0-9](_?[0-9])*)?$/;
const HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F_]*)\.?([0-9a-fA-F_]*)[pP]([+-]?[0-9_]+)$/;

function parseInteger(text: string): number | undefined {
  if (!INT.test(text)) return undefined;
  const neg = text[0] === '-';
  let t = text.replace(/^[+-]/, '').replace(/_/g, '');
  let base = 10;
  if (/^0[xX]/.test(t)) (base = 16), (t = t.slice(2));
  else if (/^0[bB]/.test(t)) (base = 2), (t = t.slice(2));
  else if (/^0[oO]/.test(t)) (base = 8), (t = t.slice(2));
  else if (t.length > 1 && t[0] === '0') base = 8;
  const prefix = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : '';
  const v = BigInt(prefix + t) * (neg ? -1n : 1n);
  if (v >= 2n ** 63n || v < -(2n ** 63n)) return undefined;
  return Number(v);
}

function parseFloat64(text: string): number | undefined {
  const hex = HEX_FLOAT.exec(text);
  if (hex) {
    const [, sign, whole, frac, exp] = hex;
    const digits = (whole + frac).replace(/_/g, '');
    if (digits === '') return undefined;
    const v = parseInt(digits, 16) * 2 ** (Number(exp.replace(/_/g, '')) - 4 * frac.replace(/_/g, '').length);
    return sign === '-' ? -v : v;
  }
  if (!DEC_FLOAT.test(text) || !/[0-9]/.test(text.replace(/[eE].*$/, ''))) return undefined;
  return Number(text.replace(/_/g, ''));
}

/** parse.newNumber without the fields berth never needs; throws Go's messages. */
export function parseNumber(pos: number, text: string, isChar: boolean): NumberNode {
  const node: NumberNode = { kind: 'number', pos, text, isInt: false, isFloat: false, int: 0, float: 0 };
  if (isChar) {
    let s: string;
    try {
      s = unquote(text);
    } catch {
      throw new Error(`malformed character constant: ${text}`);
    }
    node.int = node.float = s.codePointAt(0)!;
    node.isInt = node.isFloat = true;
    return node;
  }
  if (text.endsWith('i')) throw new Error(`complex constants are not supported: ${JSON.stringify(text)}`);
  const i = parseInteger(text);
  if (i !== undefined) {
    node.isInt = node.isFloat = true;
    node.int = node.float = i;
    return node;
  }
  const f = parseFloat64(text);
  if (f !== undefined && Number.isFinite(f)) {
    if (!/[.eEpP]/.test(text)) throw new Error(`integer overflow: ${JSON.stringify(text)}`);
    node.isFloat = true;
    node.float = f;
    if (Number.isInteger(f) && Math.abs(f) < 2 ** 63) {
      node.isInt = true;
      node.int = f;
    }
    return node;
  }
  throw new Error(`illegal number syntax: ${JSON.stringify(text)}`);
}
