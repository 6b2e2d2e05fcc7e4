// The functions templates can call: Go's builtins (and or not len index slice print printf println eq ne lt le
// gt ge html js urlquery call) and docker/cli's `templates` package (json split join title lower upper pad
// truncate), plus the header variants Docker uses to print a table's header row.

import { goJSON } from '../go-json.js';
import { formatValue, sprint, sprintf, sprintln } from '../go-fmt.js';
import { GoNil, compareGoStrings, kindOf, lengthOf, mapGet, mapZero, typeName } from '../go-value.js';
import { type FuncSpec, truth } from './exec.js';

function indexArg(index: unknown, cap: number): number {
  if (index === undefined || index === null) throw new Error('cannot index slice/array with nil');
  if (kindOf(index) !== 'int') throw new Error(`cannot index slice/array with type ${typeName(index)}`);
  const x = Number(index);
  if (x < 0 || x > cap) throw new Error(`index out of range: ${x}`);
  return x;
}

function index(item: unknown, ...indexes: unknown[]): unknown {
  if (item === undefined || item === null) throw new Error('index of untyped nil');
  for (const idx of indexes) {
    if (item === null || (item instanceof GoNil && item.kind === 'ptr')) throw new Error('index of nil pointer');
    const kind = kindOf(item);
    if (kind === 'slice' || kind === 'string') {
      const bytes = kind === 'string' ? Buffer.from(item as string) : undefined;
      const items = item instanceof GoNil ? [] : (item as unknown[]);
      const len = bytes ? bytes.length : items.length;
      const x = indexArg(idx, len);
      if (x === len) throw new Error(`reflect: ${bytes ? 'string' : 'slice'} index out of range`);
      item = bytes ? bytes[x] : items[x];
    } else if (kind === 'map') {
      if (idx === undefined || idx === null) throw new Error('value is nil; should be of type string');
      if (!(item instanceof Map) && typeof idx !== 'string')
        throw new Error(`value has type ${typeName(idx)}; should be string`);
      const v = mapGet(item as object, idx);
      item = v === undefined ? mapZero(item as object) : v;
    } else {
      throw new Error(`can't index item of type ${typeName(item)}`);
    }
  }
  return item;
}

function slice(item: unknown, ...indexes: unknown[]): unknown {
  if (item === undefined || item === null) throw new Error('slice of untyped nil');
  if (indexes.length > 3) throw new Error(`too many slice indexes: ${indexes.length}`);
  const kind = kindOf(item);
  let len: number;
  if (kind === 'string') {
    if (indexes.length === 3) throw new Error('cannot 3-index slice a string');
    len = Buffer.byteLength(item as string);
  } else if (kind === 'slice') {
    len = item instanceof GoNil ? 0 : (item as unknown[]).length;
  } else throw new Error(`can't slice item of type ${typeName(item)}`);
  const idx = [0, len, len];
  indexes.forEach((x, i) => (idx[i] = indexArg(x, len)));
  if (idx[0] > idx[1]) throw new Error(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1] > idx[2]) throw new Error(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (kind === 'string') return Buffer.from(item as string).subarray(idx[0], idx[1]).toString();
  return item instanceof GoNil ? item : (item as unknown[]).slice(idx[0], idx[1]);
}

function length(item: unknown): number {
  if (item === undefined || item === null || (item instanceof GoNil && item.kind === 'ptr'))
    throw new Error('len of nil pointer');
  const n = lengthOf(item);
  if (n === undefined) throw new Error(`len of type ${typeName(item)}`);
  return n;
}

type Basic = 'bool' | 'number' | 'string' | undefined;
const basicKind = (v: unknown): Basic => {
  const k = kindOf(v);
  return k === 'bool' ? 'bool' : k === 'int' || k === 'float' ? 'number' : k === 'string' ? 'string' : undefined;
};
const isZero = (v: unknown) => v === undefined || v === null;

function eq(arg1: unknown, ...rest: unknown[]): boolean {
  if (rest.length === 0) throw new Error('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (const arg of rest) {
    const k2 = basicKind(arg);
    let t = false;
    if (k1 !== k2) {
      if (!isZero(arg1) && !isZero(arg)) throw new Error('incompatible types for comparison');
    } else if (k1 !== undefined) {
      t = k1 === 'number' ? Number(arg1) === Number(arg) : arg1 === arg;
    } else {
      const nil1 = isZero(arg1) || arg1 instanceof GoNil;
      const nil2 = isZero(arg) || arg instanceof GoNil;
      const kind1 = kindOf(arg1);
      const kind2 = kindOf(arg);
      if (!isZero(arg1) && !isZero(arg) && kind1 !== kind2)
        throw new Error(
          `non-comparable types ${sprintf('%s', [arg1])}: ${typeName(arg1)}, ${typeName(arg)}: ${formatValue(arg)}`,
        );
      if (nil1 || nil2) t = nil1 === nil2;
      else if (kind2 === 'slice' || kind2 === 'map' || kind2 === 'func')
        throw new Error(`non-comparable type ${sprintf('%s', [arg])}: ${typeName(arg)}`);
      else t = arg1 === arg;
    }
    if (t) return true;
  }
  return false;
}

function lt(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  if (k1 === undefined) throw new Error('invalid type for comparison');
  const k2 = basicKind(b);
  if (k2 === undefined) throw new Error('invalid type for comparison');
  if (k1 !== k2) throw new Error('incompatible types for comparison');
  if (k1 === 'bool') throw new Error('invalid type for comparison');
  if (k1 === 'number') return Number(a) < Number(b);
  return compareGoStrings(a as string, b as string) < 0;
}
const le = (a: unknown, b: unknown) => lt(a, b) || eq(a, b);

/** text/template's evalArgs: a lone string as is, else fmt.Sprint of the arguments. */
function argsString(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args);
}

const HTML: Record<string, string> = {
  '"': '&#34;',
  "'": '&#39;',
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '\0': '\ufffd',
};
const JS: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '<': '\\u003C',
  '>': '\\u003E',
  '&': '\\u0026',
  '=': '\\u003D',
};

function jsEscape(s: string): string {
  let out = '';
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    if (JS[c]) out += JS[c];
    else if (cp < 0x20) out += '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
    else if (cp < 0x80 || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(c)) out += c;
    else out += '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
  }
  return out;
}

function queryEscape(s: string): string {
  let out = '';
  for (const b of Buffer.from(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

function call(fn: unknown, ...args: unknown[]): unknown {
  if (fn === undefined || fn === null) throw new Error('call of nil');
  if (typeof fn !== 'function') throw new Error(`non-function of type ${typeName(fn)}`);
  return fn(...args.map((a) => (a === undefined ? null : a)));
}

const v = (fn: FuncSpec['fn'], n: number, variadic?: 'value'): FuncSpec => ({
  params: Array(n).fill('value'),
  variadic,
  fn,
});

/** Go's builtin functions. */
export const BUILTINS: Record<string, FuncSpec> = {
  and: v(() => undefined, 1, 'value'),
  or: v(() => undefined, 1, 'value'),
  not: v((x) => !truth(x), 1),
  len: v(length, 1),
  index: v(index, 1, 'value'),
  slice: v(slice, 1, 'value'),
  call: v(call, 1, 'value'),
  eq: v(eq, 1, 'value'),
  ne: v((a, b) => !eq(a, b), 2),
  lt: v(lt, 2),
  le: v(le, 2),
  gt: v((a, b) => !le(a, b), 2),
  ge: v((a, b) => !lt(a, b), 2),
  print: { params: [], variadic: 'any', fn: (...a: unknown[]) => sprint(a) },
  println: { params: [], variadic: 'any', fn: (...a: unknown[]) => sprintln(a) },
  printf: { params: ['string'], variadic: 'any', fn: (f: string, ...a: unknown[]) => sprintf(f, a) },
  html: { params: [], variadic: 'any', fn: (...a: unknown[]) => argsString(a).replace(/["'&<>\0]/g, (c) => HTML[c]) },
  js: { params: [], variadic: 'any', fn: (...a: unknown[]) => jsEscape(argsString(a)) },
  urlquery: { params: [], variadic: 'any', fn: (...a: unknown[]) => queryEscape(argsString(a)) },
};

function split(s: string, sep: string): string[] {
  if (sep === '') return Array.from(s);
  return s.split(sep);
}

function isSeparator(c: string): boolean {
  if (c.charCodeAt(0) < 0x80) return !/[0-9A-Za-z_]/.test(c);
  if (/[\p{L}\p{Nd}]/u.test(c)) return false;
  return /\s/u.test(c);
}

/** strings.Title: upper-cases each letter that follows a separator. */
export function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const c of s) {
    out += isSeparator(prev) ? simpleCase(c, true) : c;
    prev = c;
  }
  return out;
}

function simpleCase(c: string, upper: boolean): string {
  const m = upper ? c.toUpperCase() : c.toLowerCase();
  return Array.from(m).length === 1 ? m : c;
}

const mapRunes = (s: string, upper: boolean) => Array.from(s, (c) => simpleCase(c, upper)).join('');

function truncate(s: string, n: number): string {
  const bytes = Buffer.from(s);
  if (bytes.length < n) return s;
  if (n < 0) throw new Error(`runtime error: slice bounds out of range [:${n}]`);
  return bytes.subarray(0, n).toString();
}

/** docker/cli templates.basicFunctions. */
export const DOCKER_FUNCS: Record<string, FuncSpec> = {
  json: { params: ['any'], fn: (x: unknown) => goJSON(x, { escapeHTML: false }) },
  split: { params: ['string', 'string'], fn: split },
  join: {
    params: ['[]string', 'string'],
    fn: (a: string[] | GoNil, sep: string) => (a instanceof GoNil ? '' : a.join(sep)),
  },
  title: { params: ['string'], fn: title },
  lower: { params: ['string'], fn: (s: string) => mapRunes(s, false) },
  upper: { params: ['string'], fn: (s: string) => mapRunes(s, true) },
  pad: {
    params: ['string', 'int', 'int'],
    fn: (s: string, pre: number, post: number) => {
      if (s === '') return s;
      if (pre < 0 || post < 0) throw new Error('strings: negative Repeat count');
      return ' '.repeat(pre) + s + ' '.repeat(post);
    },
  },
  truncate: { params: ['string', 'int'], fn: truncate },
};

const same = (s: string) => s;

/** docker/cli templates.HeaderFunctions: a table header prints the column names untouched. */
export const HEADER_FUNCS: Record<string, FuncSpec> = {
  json: { params: ['string'], fn: same },
  split: { params: ['string', 'string'], fn: same },
  join: { params: ['string', 'string'], fn: same },
  title: { params: ['string'], fn: same },
  lower: { params: ['string'], fn: same },
  upper: { params: ['string'], fn: same },
  truncate: { params: ['string', 'int'], fn: same },
};

