// Go's filepath.Match for COPY/ADD wildcards: `*` and `?` never match `/`, `[…]` classes with ranges and `^`,
// the escape `\`. A bad pattern matches nothing (as the classic builder treats ErrBadPattern).

/** Docker's containsWildcards: an unescaped `*`, `?` or `[`. */
export function containsWildcards(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '*' || s[i] === '?' || s[i] === '[') return true;
  }
  return false;
}

const reEscape = (c: string) => c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

function toRegExp(pattern: string): RegExp | null {
  let re = '^';
  const p = [...pattern];
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\') {
      if (i + 1 >= p.length) return null;
      re += reEscape(p[++i]);
    } else if (c === '[') {
      let j = i + 1;
      let cls = '';
      if (p[j] === '^') {
        cls += '^';
        j++;
      }
      let first = true;
      for (; j < p.length && (p[j] !== ']' || first); j++) {
        first = false;
        let lo = p[j];
        if (lo === '\\') lo = p[++j] ?? '';
        if (lo === '' || lo === '/') return null;
        cls += reEscape(lo);
        if (p[j + 1] === '-' && p[j + 2] !== undefined && p[j + 2] !== ']') {
          let hi = p[j + 2];
          j += 2;
          if (hi === '\\') hi = p[++j] ?? '';
          if (hi === '' || hi < lo) return null;
          cls += '-' + reEscape(hi);
        }
      }
      if (j >= p.length) return null;
      if (cls === '' || cls === '^') return null;
      re += `(?!/)[${cls}]`;
      i = j;
    } else re += reEscape(c);
  }
  try {
    return new RegExp(re + '$', 'u');
  } catch {
    return null;
  }
}

export function goMatch(pattern: string, name: string): boolean {
  const re = toRegExp(pattern);
  return re ? re.test(name) : false;
}
