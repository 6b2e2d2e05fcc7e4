// Docker's word expansion for Dockerfile arguments (the classic builder's shell lexer): quotes, the escape
// character, `$VAR`, `${VAR}`, `${VAR:-word}` and `${VAR:+word}`. processWord gives one string with quotes removed;
// processWords also splits on unquoted whitespace (EXPOSE and friends). Lookups take the first `NAME=` match.

import { BerthError } from '../errors.js';
import { goQuote } from './go-quote.js';

export type EnvList = readonly string[];

const EOF = '';

class Words {
  private word = '';
  private inWord = false;
  readonly list: string[] = [];

  addChar(ch: string): void {
    if (/\s/.test(ch)) {
      if (this.inWord && this.word.length > 0) {
        this.list.push(this.word);
        this.word = '';
        this.inWord = false;
      }
    } else this.addRaw(ch);
  }
  addRaw(s: string): void {
    this.word += s;
    this.inWord = true;
  }
  addString(s: string): void {
    for (const ch of s) this.addChar(ch);
  }
  done(): string[] {
    if (this.word.length > 0) this.list.push(this.word);
    this.word = '';
    return this.list;
  }
}

function lookup(env: EnvList, name: string): string | undefined {
  for (const e of env) {
    const i = e.indexOf('=');
    if (i < 0) {
      if (e === name) return '';
      continue;
    }
    if (e.slice(0, i) === name) return e.slice(i + 1);
  }
  return undefined;
}

const syntax = (msg: string) => new BerthError('INVALID_ARGUMENT', msg);

class Lexer {
  private pos = 0;
  private readonly chars: string[];
  constructor(
    text: string,
    private readonly env: EnvList,
    private readonly escape: string,
  ) {
    this.chars = [...text];
  }

  private peek(): string {
    return this.chars[this.pos] ?? EOF;
  }
  private next(): string {
    return this.chars[this.pos++] ?? EOF;
  }

  /** Processes up to `stop` (consumed) or the end. */
  process(stop: string = EOF): { result: string; words: string[] } {
    let result = '';
    const words = new Words();
    while (this.peek() !== EOF) {
      const ch = this.peek();
      if (stop !== EOF && ch === stop) {
        this.next();
        return { result, words: words.done() };
      }
      if (ch === "'" || ch === '"' || ch === '$') {
        const s = ch === "'" ? this.singleQuote() : ch === '"' ? this.doubleQuote() : this.dollar();
        result += s;
        if (ch === '$') words.addString(s);
        else words.addRaw(s);
        continue;
      }
      let c = this.next();
      if (c === this.escape) {
        c = this.next();
        if (c === EOF) break;
        words.addRaw(c);
      } else words.addChar(c);
      result += c;
    }
    if (stop !== EOF) throw syntax(`unexpected end of statement while looking for matching ${stop}`);
    return { result, words: words.done() };
  }

  private singleQuote(): string {
    this.next();
    let out = '';
    for (;;) {
      const ch = this.next();
      if (ch === EOF) throw syntax('unexpected end of statement while looking for matching single-quote');
      if (ch === "'") return out;
      out += ch;
    }
  }

  private doubleQuote(): string {
    this.next();
    let out = '';
    for (;;) {
      const ch = this.peek();
      if (ch === EOF) throw syntax('unexpected end of statement while looking for matching double-quote');
      if (ch === '"') {
        this.next();
        return out;
      }
      if (ch === '$') {
        out += this.dollar();
        continue;
      }
      let c = this.next();
      if (c === this.escape) {
        const n = this.peek();
        if (n === EOF) continue;
        if (n === '"' || n === '$' || n === this.escape) c = this.next();
      }
      out += c;
    }
  }

  private name(): string {
    let name = '';
    while (this.peek() !== EOF) {
      const ch = this.peek();
      if (name === '' && /[0-9]/.test(ch)) {
        while (/^[0-9]$/.test(this.peek())) name += this.next();
        return name;
      }
      if (!/[\p{L}\p{Nd}_]/u.test(ch)) break;
      name += this.next();
    }
    return name;
  }

  private dollar(): string {
    this.next();
    if (this.peek() !== '{') {
      const name = this.name();
      if (name === '') return '$';
      return lookup(this.env, name) ?? '';
    }
    this.next();
    const p = this.peek();
    if (p === EOF) throw syntax("syntax error: missing '}'");
    if (p === '{' || p === '}' || p === ':') throw syntax('syntax error: bad substitution');
    const name = this.name();
    const ch = this.next();
    if (ch === '}') return lookup(this.env, name) ?? '';
    if (ch === ':') {
      const modifier = this.next();
      let word: string;
      try {
        word = this.process('}').result;
      } catch (e) {
        if (this.peek() === EOF) throw syntax("syntax error: missing '}'");
        throw e;
      }
      const value = lookup(this.env, name) ?? '';
      if (modifier === '+') return value !== '' ? word : value;
      if (modifier === '-') return value === '' ? word : value;
      throw syntax(`unsupported modifier (${modifier}) in substitution`);
    }
    throw syntax("missing ':' in substitution");
  }
}

/** The lexer's pass over `word`; its errors name the word, as the shell lexer's do (`failed to process "…": …`). */
function lex(word: string, env: EnvList, escape: string): { result: string; words: string[] } {
  try {
    return new Lexer(word, env, escape).process();
  } catch (e) {
    if (e instanceof BerthError) throw new BerthError('INVALID_ARGUMENT', `failed to process ${goQuote(word)}: ${e.message}`);
    throw e;
  }
}

/** One word: quotes removed, variables expanded, no splitting. */
export function processWord(word: string, env: EnvList, escape = '\\'): string {
  return lex(word, env, escape).result;
}

/** Expands and splits on unquoted whitespace (also whitespace that comes from an unquoted variable). */
export function processWords(word: string, env: EnvList, escape = '\\'): string[] {
  return lex(word, env, escape).words;
}
