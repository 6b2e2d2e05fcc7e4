// Go's path.Match (shell globs where `*` and `?` never cross '/', `[...]` classes, `\` escapes; the whole pattern
// is checked for syntax) and distribution's FamiliarMatch, which `images --filter reference=PATTERN` uses: a
// reference is kept when any pattern matches its familiar string (`busybox:latest`) or familiar name (`busybox`)
// (moby `daemon/images/images.go`). Works on code points, as Go works on runes.

import { BerthError } from '../errors.js';
import { familiarName, familiarString } from './familiar.js';
import type { ReferenceParts } from './parse.js';

export const ERR_BAD_PATTERN = 'syntax error in pattern';

type Chars = string[];

function badPattern(): BerthError {
  return new BerthError('INVALID_ARGUMENT', ERR_BAD_PATTERN);
}

function scanChunk(p: Chars): { star: boolean; chunk: Chars; rest: Chars } {
  let start = 0;
  while (start < p.length && p[start] === '*') start++;
  let inRange = false;
  let i = start;
  scan: for (; i < p.length; i++) {
    switch (p[i]) {
      case '\\':
        if (i + 1 < p.length) i++;
        break;
      case '[':
        inRange = true;
        break;
      case ']':
        inRange = false;
        break;
      case '*':
        if (!inRange) break scan;
        break;
    }
  }
  return { star: start > 0, chunk: p.slice(start, i), rest: p.slice(i) };
}

function getEsc(chunk: Chars, i: number): { r: number; next: number } {
  if (i >= chunk.length || chunk[i] === '-' || chunk[i] === ']') throw badPattern();
  if (chunk[i] === '\\') {
    i++;
    if (i >= chunk.length) throw badPattern();
  }
  const r = chunk[i].codePointAt(0)!;
  i++;
  if (i >= chunk.length) throw badPattern();
  return { r, next: i };
}

/** Matches one chunk (no `*`) at the start of s; keeps reading the chunk after a mismatch to find syntax errors. */
function matchChunk(chunk: Chars, s: Chars): Chars | null {
  let failed = false;
  let si = 0;
  let c = 0;
  while (c < chunk.length) {
    if (!failed && si >= s.length) failed = true;
    const ch = chunk[c];
    if (ch === '[') {
      const r = failed ? -1 : s[si++].codePointAt(0)!;
      c++;
      let negated = false;
      if (c < chunk.length && chunk[c] === '^') {
        negated = true;
        c++;
      }
      let match = false;
      for (let n = 0; ; n++) {
        if (c < chunk.length && chunk[c] === ']' && n > 0) {
          c++;
          break;
        }
        const lo = getEsc(chunk, c);
        let hi = lo;
        c = lo.next;
        if (chunk[c] === '-') {
          hi = getEsc(chunk, c + 1);
          c = hi.next;
        }
        if (lo.r <= r && r <= hi.r) match = true;
      }
      if (match === negated) failed = true;
    } else if (ch === '?') {
      if (!failed) {
        if (s[si] === '/') failed = true;
        si++;
      }
      c++;
    } else {
      if (ch === '\\') {
        c++;
        if (c >= chunk.length) throw badPattern();
      }
      if (!failed) {
        if (chunk[c] !== s[si]) failed = true;
        si++;
      }
      c++;
    }
  }
  return failed ? null : s.slice(si);
}

/** Go's path.Match; throws BerthError('INVALID_ARGUMENT', 'syntax error in pattern') for a malformed pattern. */
export function pathMatch(pattern: string, name: string): boolean {
  let p: Chars = Array.from(pattern);
  let n: Chars = Array.from(name);
  outer: while (p.length > 0) {
    const { star, chunk, rest } = scanChunk(p);
    p = rest;
    if (star && chunk.length === 0) return !n.includes('/');
    const t = matchChunk(chunk, n);
    if (t && (t.length === 0 || p.length > 0)) {
      n = t;
      continue;
    }
    if (star) {
      for (let i = 0; i < n.length && n[i] !== '/'; i++) {
        const u = matchChunk(chunk, n.slice(i + 1));
        if (u) {
          if (p.length === 0 && u.length > 0) continue;
          n = u;
          continue outer;
        }
      }
    }
    while (p.length > 0) {
      const next = scanChunk(p);
      p = next.rest;
      matchChunk(next.chunk, []);
    }
    return false;
  }
  return n.length === 0;
}

/** FamiliarMatch: the pattern against `name:tag` / `name@digest` as Docker prints it, then against the name. */
export function familiarMatch(pattern: string, ref: ReferenceParts): boolean {
  return pathMatch(pattern, familiarString(ref)) || pathMatch(pattern, familiarName(ref));
}

/** The `reference` image filter: true when any pattern matches (an empty list matches everything). */
export function matchesReferenceFilter(patterns: readonly string[], ref: ReferenceParts): boolean {
  return patterns.length === 0 || patterns.some((p) => familiarMatch(p, ref));
}
