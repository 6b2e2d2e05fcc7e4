// JSON as Go's encoding/json writes it (what Docker prints and hashes): object keys in the order given (build
// objects in Go struct order; sort map keys yourself), `<`, `>`, `&`, U+2028 and U+2029 escaped, no spaces.

const ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\<>&\u0000-\u001f\u2028\u2029]/g;

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE_NO_HTML = /["\\\u0000-\u001f\u2028\u2029]/g;

export interface GoJSONOptions {
  /** Go's Encoder.SetEscapeHTML: true (json.Marshal's default) escapes `<`, `>` and `&`. */
  escapeHTML?: boolean;
}

// the same, once: whether a string needs any escape at all (most log lines and names don't)
// eslint-disable-next-line no-control-regex
const ANY_ESCAPE = /["\\<>&\u0000-\u001f\u2028\u2029]/;
// eslint-disable-next-line no-control-regex
const ANY_ESCAPE_NO_HTML = /["\\\u0000-\u001f\u2028\u2029]/;

const escapeChar = (c: string) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

export function goString(s: string, escapeHTML = true): string {
  if (!(escapeHTML ? ANY_ESCAPE : ANY_ESCAPE_NO_HTML).test(s)) return '"' + s + '"';
  return '"' + s.replace(escapeHTML ? NEEDS_ESCAPE : NEEDS_ESCAPE_NO_HTML, escapeChar) + '"';
}

/**
 * JSON text that is written as it is, like the bytes a Go MarshalJSON method returns: docker/cli's formatter
 * contexts (images, history rows) marshal themselves with json.Marshal, so `{{json .}}` shows `\u003cnone\u003e`
 * even though the template function itself does not escape HTML.
 */
export class RawJSON {
  constructor(readonly text: string) {}
}

/**
 * A formatter context's row for Docker's templates: the fields as given, and for `{{json .}}` docker/cli's
 * MarshalJSON of them (json.Marshal of a map: sorted keys, HTML escaped). `json` overrides what is marshalled where
 * the JSON form differs from the table form.
 */
export function formatterRow<T extends object>(fields: T, json: object = fields): T & { toJSON(): RawJSON } {
  return { ...fields, toJSON: () => new RawJSON(goJSON(new Map(Object.entries(json)))) };
}

const isMarshaler = (v: object): v is { toJSON(): unknown } => typeof (v as { toJSON?: unknown }).toJSON === 'function';
const isMarshalled = (v: unknown) => v !== undefined && typeof v !== 'function';

/** time.Time's MarshalJSON: RFC 3339 in UTC with the fraction's trailing zeros dropped. */
function rfc3339Nano(d: Date): string {
  return d.toISOString().replace(/\.?0*Z$/, 'Z');
}

/**
 * Go's json.Marshal of a plain value. `undefined` and function members are omitted (like `omitempty` on absent
 * fields, and methods); an object with a toJSON() method (a json.Marshaler) is replaced by what it returns.
 */
export function goJSON(v: unknown, opts: GoJSONOptions = {}): string {
  const html = opts.escapeHTML ?? true;
  const goString = (s: string) => goStringOf(s, html);
  const goJSON = (x: unknown) => goJSONOf(x, opts);
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'string':
      return goString(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return v.toString();
    case 'object': {
      if (v instanceof Date) return goString(rfc3339Nano(v));
      if (v instanceof RawJSON) return v.text;
      if (isMarshaler(v)) return goJSON(v.toJSON());
      if (Array.isArray(v)) return '[' + v.map((x) => goJSON(x)).join(',') + ']';
      if (v instanceof Map) {
        const entries = [...v.entries()].map(([k, x]): [string, unknown] => [String(k), x]);
        entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return '{' + entries.map(([k, x]) => goString(k) + ':' + goJSON(x)).join(',') + '}';
      }
      const parts: string[] = [];
      for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
        if (!isMarshalled(val)) continue;
        parts.push(goString(k) + ':' + goJSON(val));
      }
      return '{' + parts.join(',') + '}';
    }
    default:
      return 'null';
  }
}

/** Go's json.MarshalIndent(v, prefix, indent) / json.Indent: one member per line, `"key": value`. */
export function goJSONIndent(v: unknown, indent = '    ', prefix = '', opts: GoJSONOptions = {}): string {
  const html = opts.escapeHTML ?? true;
  const goString = (s: string) => goStringOf(s, html);
  const goJSON = (x: unknown) => goJSONOf(x, opts);
  const walk = (x: unknown, depth: string): string => {
    if (x === null || x === undefined || typeof x !== 'object' || x instanceof Date || x instanceof RawJSON) return goJSON(x);
    if (isMarshaler(x)) return walk(x.toJSON(), depth);
    const inner = depth + indent;
    if (Array.isArray(x)) {
      if (x.length === 0) return '[]';
      return '[\n' + x.map((e) => prefix + inner + walk(e, inner)).join(',\n') + '\n' + prefix + depth + ']';
    }
    const entries: [string, unknown][] =
      x instanceof Map
        ? [...x.entries()].map(([k, val]): [string, unknown] => [String(k), val]).sort(([a], [b]) => (a < b ? -1 : 1))
        : Object.entries(x as Record<string, unknown>).filter(([, val]) => isMarshalled(val));
    if (entries.length === 0) return '{}';
    return (
      '{\n' +
      entries.map(([k, val]) => prefix + inner + goString(k) + ': ' + walk(val, inner)).join(',\n') +
      '\n' +
      prefix +
      depth +
      '}'
    );
  };
  return walk(v, '');
}

const goStringOf = goString;
const goJSONOf = goJSON;
