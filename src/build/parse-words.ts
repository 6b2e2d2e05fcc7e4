// The Dockerfile parser's own word splitting (before expansion): whitespace separates words, quotes and the escape
// character keep their text (expansion removes them later). ENV and LABEL take `name=value …` or the legacy
// `name value`; ARG takes `name` or `name=value`; instruction flags are leading `--name[=value]` words.

import { BerthError } from '../errors.js';

const isSpace = (c: string) => /\s/.test(c);

/** Splits like the classic parser's parseWords: quoted text and escaped characters stay in the word as written. */
export function parseWords(rest: string, escape = '\\'): string[] {
  const words: string[] = [];
  const chars = [...rest];
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  let word = '';
  let quote = '';
  let blankOK = false;
  for (let i = 0; i <= chars.length; i++) {
    const end = i === chars.length;
    let ch = end ? '' : chars[i];
    if (phase === 'spaces') {
      if (end) break;
      if (isSpace(ch)) continue;
      phase = 'word';
    }
    if (end) {
      if (blankOK || word.length > 0) words.push(word);
      break;
    }
    if (phase === 'word') {
      if (isSpace(ch)) {
        phase = 'spaces';
        if (blankOK || word.length > 0) words.push(word);
        word = '';
        blankOK = false;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOK = true;
        phase = 'quote';
      }
      if (ch === escape) {
        if (i + 1 === chars.length) continue;
        word += ch;
        ch = chars[++i];
      }
      word += ch;
      continue;
    }
    if (ch === quote) phase = 'word';
    if (ch === escape && quote !== "'") {
      if (i + 1 === chars.length) {
        phase = 'word';
        continue;
      }
      word += ch;
      ch = chars[++i];
    }
    word += ch;
  }
  return words;
}

export interface KeyValue {
  key: string;
  value: string;
}

/** ENV/LABEL arguments as the parser splits them (values still unexpanded). */
export function parseNameVal(rest: string, instr: string, escape = '\\'): KeyValue[] {
  const words = parseWords(rest, escape);
  if (words.length === 0) throw new BerthError('INVALID_ARGUMENT', `${instr} requires at least one argument`);
  if (!words[0].includes('=')) {
    const m = /^(\S+)\s+([\s\S]*)$/.exec(rest.trim());
    if (!m) throw new BerthError('INVALID_ARGUMENT', `${instr} must have two arguments`);
    return [{ key: m[1], value: m[2] }];
  }
  return words.map((w) => {
    const i = w.indexOf('=');
    if (i < 0) throw new BerthError('INVALID_ARGUMENT', `Syntax error - can't find = in ${JSON.stringify(w)}. Must be of the form: name=value`);
    return { key: w.slice(0, i), value: w.slice(i + 1) };
  });
}

/** ARG arguments: `name` (no default) or `name=value`. */
export function parseNameOrNameVal(rest: string, escape = '\\'): { key: string; value: string | null }[] {
  return parseWords(rest, escape).map((w) => {
    const i = w.indexOf('=');
    return i < 0 ? { key: w, value: null } : { key: w.slice(0, i), value: w.slice(i + 1) };
  });
}

/** Leading `--name=value` / `--name` words; the rest is what the instruction reads. */
export function splitFlags(rest: string): { flags: Map<string, string | true>; rest: string } {
  const flags = new Map<string, string | true>();
  let text = rest.trimStart();
  for (;;) {
    const m = /^--([A-Za-z0-9-]+)(?:=(\S*))?(?:\s+|$)/.exec(text);
    if (!m) break;
    flags.set(m[1], m[2] ?? true);
    text = text.slice(m[0].length);
  }
  return { flags, rest: text };
}

/** The JSON array form (`["a", "b"]`) when the text is one, else null. */
export function parseJSONForm(text: string): string[] | null {
  const t = text.trim();
  if (!t.startsWith('[')) return null;
  try {
    const v = JSON.parse(t);
    return Array.isArray(v) && v.every((s) => typeof s === 'string') ? v : null;
  } catch {
    return null;
  }
}
