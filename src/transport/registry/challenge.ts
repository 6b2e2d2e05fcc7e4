// Parses `WWW-Authenticate` challenges (RFC 7235 §4.1) as registries send them: `Basic realm="x"`,
// `Bearer realm="https://auth/token",service="registry",scope="repository:a:pull",error="invalid_token"`.

export interface Challenge {
  /** Lower-cased: `basic`, `bearer`. */
  scheme: string;
  /** Parameter names lower-cased; values unquoted. */
  params: Record<string, string>;
}

const TOKEN = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;

/** One challenge per header value (what Distribution and Docker Hub send); malformed values give null. */
export function parseChallenge(value: string): Challenge | null {
  let i = 0;
  const skipSpace = () => {
    while (i < value.length && (value[i] === ' ' || value[i] === '\t')) i++;
  };
  const token = () => {
    const start = i;
    while (i < value.length && TOKEN.test(value[i])) i++;
    return value.slice(start, i);
  };
  skipSpace();
  const scheme = token().toLowerCase();
  if (!scheme) return null;
  const params: Record<string, string> = {};
  for (;;) {
    skipSpace();
    if (i >= value.length) break;
    const name = token().toLowerCase();
    if (!name) return null;
    skipSpace();
    if (value[i] !== '=') return null;
    i++;
    skipSpace();
    let v = '';
    if (value[i] === '"') {
      i++;
      for (; i < value.length && value[i] !== '"'; i++) {
        if (value[i] === '\\' && i + 1 < value.length) i++;
        v += value[i];
      }
      if (value[i] !== '"') return null;
      i++;
    } else {
      v = token();
    }
    params[name] = v;
    skipSpace();
    if (i < value.length && value[i] !== ',') return null;
    i++;
  }
  return { scheme, params };
}

/** Every parseable challenge of a response's WWW-Authenticate header(s). */
export function parseChallenges(header: string | string[] | undefined): Challenge[] {
  if (header === undefined) return [];
  const values = Array.isArray(header) ? header : [header];
  return values.map(parseChallenge).filter((c): c is Challenge => c !== null);
}
