// How plain JS values stand in for Go values when berth prints them as Go would (fmt, text/template): the kind and
// type name of each value, typed nils, map key order and Go's time.Time printing. undefined is "no value" (an
// invalid reflect.Value), null a nil interface, arrays are slices, plain objects and Maps are maps, class instances
// are structs.

/** A typed nil: a nil map prints `map[]`, a nil slice `[]`, a nil pointer `<nil>`; all marshal to JSON null. */
export class GoNil {
  constructor(
    readonly kind: 'map' | 'slice' | 'ptr',
    readonly type = kind === 'map' ? 'map[string]interface {}' : kind === 'slice' ? '[]interface {}' : '*struct {}',
  ) {}
  toJSON(): null {
    return null;
  }
}

export const nilMap = (type = 'map[string]string') => new GoNil('map', type);
export const nilSlice = (type = '[]string') => new GoNil('slice', type);

export type GoKind =
  | 'invalid'
  | 'nil'
  | 'bool'
  | 'int'
  | 'float'
  | 'string'
  | 'slice'
  | 'map'
  | 'struct'
  | 'time'
  | 'func'
  | 'ptr';

const INT_LIMIT = 2 ** 63;

export function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === null || proto === Object.prototype;
}

export function kindOf(v: unknown): GoKind {
  switch (typeof v) {
    case 'undefined':
      return 'invalid';
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return Number.isInteger(v) && Math.abs(v) < INT_LIMIT && !Object.is(v, -0) ? 'int' : 'float';
    case 'string':
      return 'string';
    case 'function':
      return 'func';
    case 'object':
      if (v === null) return 'nil';
      if (Array.isArray(v)) return 'slice';
      if (v instanceof GoNil) return v.kind;
      if (v instanceof Map) return 'map';
      if (v instanceof Date) return 'time';
      return isPlainObject(v) ? 'map' : 'struct';
    default:
      return 'invalid';
  }
}

/** True for the nil values of nil-able kinds. */
export function isNilValue(v: unknown): boolean {
  return v === null || v === undefined || v instanceof GoNil;
}

function elemType(values: Iterable<unknown>): string {
  let seen = false;
  for (const x of values) {
    seen = true;
    if (typeof x !== 'string') return 'interface {}';
  }
  return seen ? 'string' : 'interface {}';
}

/** Go's reflect.Type.String() for the value, as used by %T and in error messages. */
export function typeName(v: unknown): string {
  switch (kindOf(v)) {
    case 'invalid':
    case 'nil':
      return '<nil>';
    case 'bool':
      return 'bool';
    case 'int':
      return 'int';
    case 'float':
      return 'float64';
    case 'string':
      return 'string';
    case 'func':
      return 'func()';
    case 'time':
      return 'time.Time';
    case 'slice':
      return v instanceof GoNil ? v.type : `[]${elemType(v as unknown[])}`;
    case 'map':
      if (v instanceof GoNil) return v.type;
      return `map[string]${elemType(mapValues(v as object))}`;
    case 'ptr':
      return (v as GoNil).type;
    case 'struct': {
      const ctor = (v as object).constructor as { goType?: string; name?: string } | undefined;
      return structTypeOf(v as object) ?? ctor?.goType ?? ctor?.name ?? 'struct {}';
    }
  }
}

/** Go orders strings by their UTF-8 bytes, which is code point order. */
export function compareGoStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareGoStrings(String(a), String(b));
}

/** A map's entries sorted by key, as fmt and range visit them; undefined members of objects are absent. */
export function mapEntries(m: object): [unknown, unknown][] {
  if (m instanceof GoNil) return [];
  const entries: [unknown, unknown][] =
    m instanceof Map ? [...m.entries()] : Object.entries(m).filter(([, x]) => x !== undefined);
  return entries.sort((a, b) => compareKeys(a[0], b[0]));
}

/** A map's values in no particular order. */
export function mapValues(m: object): unknown[] {
  if (m instanceof GoNil) return [];
  if (m instanceof Map) return [...m.values()];
  return Object.values(m).filter((x) => x !== undefined);
}

export function mapGet(m: object, key: unknown): unknown {
  if (m instanceof GoNil) return undefined;
  if (m instanceof Map) return m.get(key);
  return typeof key === 'string' && Object.hasOwn(m, key) ? (m as Record<string, unknown>)[key] : undefined;
}

export function lengthOf(v: unknown): number | undefined {
  switch (kindOf(v)) {
    case 'string':
      return Buffer.byteLength(v as string);
    case 'slice':
      return v instanceof GoNil ? 0 : (v as unknown[]).length;
    case 'map':
      return mapValues(v as object).length;
    default:
      return undefined;
  }
}

/** The zero value of a map's element type, as Go's `index` returns for a missing key. */
export function mapZero(m: object): unknown {
  const type = typeName(m);
  const elem = type.slice(type.indexOf(']') + 1);
  if (elem === 'string') return '';
  if (elem === 'bool') return false;
  if (/^u?int\d*$|^float\d+$/.test(elem)) return 0;
  if (mapValues(m).length === 0 && !(m instanceof GoNil)) return '';
  return null;
}

/** Struct fields in declaration order: the instance's own enumerable members that are not methods. */
export function structFields(v: object): [string, unknown][] {
  return Object.entries(v).filter(([, x]) => x !== undefined && typeof x !== 'function');
}

/** Go's time.Time.String() of a JS Date, in UTC: `2026-11-23 09:33:13.682 +0000 UTC`. */
export function goTimeString(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const ms = d.getUTCMilliseconds();
  const frac = ms === 0 ? '' : '.' + p(ms, 3).replace(/0+$/, '');
  return (
    `${p(d.getUTCFullYear(), 4)}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}${frac} +0000 UTC`
  );
}

/** The value's String() if Go would call it (fmt.Stringer): Dates, and objects with a `String()` method. */
export function stringerOf(v: unknown): string | undefined {
  if (v instanceof Date) return goTimeString(v);
  if (typeof v === 'object' && v !== null && !isPlainObject(v) && !(v instanceof GoNil)) {
    const fn = (v as { String?: unknown }).String;
    if (typeof fn === 'function') return String(fn.call(v));
  }
  return undefined;
}

const GO_TYPE = Symbol.for('berth.goType');
const STRUCT_PROTO = Object.freeze(Object.create(null)) as object;

/** Go's omitempty test: false, 0, "", nil and empty slices and maps. */
function isEmptyValue(v: unknown): boolean {
  switch (kindOf(v)) {
    case 'invalid':
    case 'nil':
    case 'ptr':
      return true;
    case 'bool':
      return v === false;
    case 'int':
    case 'float':
      return Number(v) === 0;
    case 'string':
    case 'slice':
    case 'map':
      return lengthOf(v) === 0;
    default:
      return false;
  }
}

/**
 * A struct value: `fields` (own members, possibly getters or methods) behind a prototype that makes berth treat it
 * as a Go struct named `type`, so an unknown field is an error (`can't evaluate field Foo in type TYPE`) rather than
 * `<no value>`. Fields named in `omitEmpty` (Go's `json:",omitempty"`) leave its JSON when empty.
 */
export function goStruct<T extends object>(type: string, fields: T, opts: { omitEmpty?: string[] } = {}): T {
  const o = Object.create(STRUCT_PROTO) as T;
  Object.defineProperties(o, Object.getOwnPropertyDescriptors(fields));
  Object.defineProperty(o, GO_TYPE, { value: type });
  const omit = new Set(opts.omitEmpty ?? []);
  if (omit.size > 0) {
    const toJSON = () =>
      Object.fromEntries(structFields(o).filter(([k, v]) => !(omit.has(k) && isEmptyValue(v))));
    Object.defineProperty(o, 'toJSON', { value: toJSON });
  }
  return o;
}

export function structTypeOf(v: object): string | undefined {
  return (v as { [GO_TYPE]?: string })[GO_TYPE];
}
