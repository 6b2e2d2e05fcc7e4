// The lexer of Go's text/template (Go 1.19, what Docker 20.10 is built with): text, `{{ }}` actions with `{{- `
// and ` -}}` trim markers, comments, and the tokens inside actions. Positions are string indexes; lines count "\n".

export type ItemType =
  | 'error'
  | 'bool'
  | 'char'
  | 'charConstant'
  | 'complex'
  | 'assign'
  | 'declare'
  | 'eof'
  | 'field'
  | 'identifier'
  | 'leftDelim'
  | 'leftParen'
  | 'number'
  | 'pipe'
  | 'rawString'
  | 'rightDelim'
  | 'rightParen'
  | 'space'
  | 'string'
  | 'text'
  | 'variable'
  | 'block'
  | 'break'
  | 'continue'
  | 'dot'
  | 'define'
  | 'else'
  | 'end'
  | 'if'
  | 'nil'
  | 'range'
  | 'template'
  | 'with';

export interface Item {
  type: ItemType;
  pos: number;
  val: string;
  line: number;
}

const KEYWORDS = new Set<ItemType>([
  'block',
  'break',
  'continue',
  'define',
  'else',
  'end',
  'if',
  'nil',
  'range',
  'template',
  'with',
]);

export const isKeyword = (t: ItemType) => KEYWORDS.has(t) || t === 'dot';

/** Go's item.String(), as parse errors quote tokens. */
export function itemString(it: Item): string {
  if (it.type === 'eof') return 'EOF';
  if (it.type === 'error') return it.val;
  if (isKeyword(it.type)) return `<${it.val}>`;
  const runes = Array.from(it.val);
  if (runes.length > 10) return JSON.stringify(runes.slice(0, 10).join('')) + '...';
  return JSON.stringify(it.val);
}

const LEFT = '{{';
const RIGHT = '}}';
const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlphaNumeric = (c: string | undefined) => {
  if (c === undefined) return false;
  const x = c.charCodeAt(0);
  if (x < 0x80) return (x >= 48 && x <= 57) || (x >= 65 && x <= 90) || (x >= 97 && x <= 122) || x === 95;
  return /^[\p{L}\p{Nd}]$/u.test(c);
};
const hasLeftTrim = (s: string, i: number) => s[i] === '-' && isSpace(s[i + 1]);
const hasRightTrim = (s: string, i: number) => isSpace(s[i]) && s[i + 1] === '-';

/** Go's %#U: `U+0021 '!'`. */
export function formatU(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  const hex = 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(c) ? `${hex} '${c}'` : hex;
}

export function lex(input: string, opts: { breakOK?: boolean; continueOK?: boolean } = {}): Item[] {
  const items: Item[] = [];
  let pos = 0;
  let start = 0;
  let line = 1;
  let startLine = 1;
  let parenDepth = 0;

  const countLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (input[i] === '\n') line++;
  };
  const emit = (type: ItemType) => {
    items.push({ type, pos: start, val: input.slice(start, pos), line: startLine });
    start = pos;
    startLine = line;
  };
  const ignore = () => {
    countLines(start, pos);
    start = pos;
    startLine = line;
  };
  const fail = (msg: string): false => {
    items.push({ type: 'error', pos: start, val: msg, line: startLine });
    return false;
  };
  const next = (): string | undefined => {
    if (pos >= input.length) return undefined;
    const c = String.fromCodePoint(input.codePointAt(pos)!);
    pos += c.length;
    if (c === '\n') line++;
    return c;
  };
  const backup = (c: string | undefined) => {
    if (c === undefined) return;
    pos -= c.length;
    if (c === '\n') line--;
  };
  const peek = () => {
    const c = next();
    backup(c);
    return c;
  };
  const accept = (valid: string) => {
    const c = next();
    if (c !== undefined && valid.includes(c)) return true;
    backup(c);
    return false;
  };
  const acceptRun = (valid: string) => {
    while (accept(valid));
  };
  const atRightDelim = (): [boolean, boolean] => {
    if (hasRightTrim(input, pos) && input.startsWith(RIGHT, pos + 2)) return [true, true];
    return [input.startsWith(RIGHT, pos), false];
  };
  const atTerminator = () => {
    const c = peek();
    if (c === undefined || isSpace(c) || '.,|:()'.includes(c)) return true;
    return input.startsWith(RIGHT, pos);
  };

  const leftTrimLength = (from: number) => {
    let i = from;
    while (isSpace(input[i])) i++;
    return i - from;
  };

  const lexText = (): 'delim' | 'done' => {
    const x = input.indexOf(LEFT, pos);
    if (x < 0) {
      pos = input.length;
      if (pos > start) {
        countLines(start, pos);
        emit('text');
      }
      emit('eof');
      return 'done';
    }
    pos = x;
    let trim = 0;
    if (hasLeftTrim(input, pos + LEFT.length)) {
      let j = pos;
      while (j > start && isSpace(input[j - 1])) j--;
      trim = pos - j;
    }
    pos -= trim;
    if (pos > start) {
      countLines(start, pos);
      emit('text');
    }
    pos += trim;
    ignore();
    return 'delim';
  };

  const lexComment = (): boolean => {
    pos += 2;
    const i = input.indexOf('*/', pos);
    if (i < 0) return fail('unclosed comment');
    pos = i + 2;
    const [delim, trim] = atRightDelim();
    if (!delim) return fail('comment ends before closing delimiter');
    if (trim) pos += 2;
    pos += RIGHT.length;
    if (trim) pos += leftTrimLength(pos);
    ignore();
    return true;
  };

  const lexRightDelim = () => {
    const trim = hasRightTrim(input, pos);
    if (trim) {
      pos += 2;
      ignore();
    }
    pos += RIGHT.length;
    emit('rightDelim');
    if (trim) {
      pos += leftTrimLength(pos);
      ignore();
    }
  };

  const lexFieldOrVariable = (type: 'field' | 'variable'): boolean => {
    if (atTerminator()) {
      emit(type === 'variable' ? 'variable' : 'dot');
      return true;
    }
    let c: string | undefined;
    for (;;) {
      c = next();
      if (!isAlphaNumeric(c)) {
        backup(c);
        break;
      }
    }
    if (!atTerminator()) return fail(`bad character ${formatU(c ?? '')}`);
    emit(type);
    return true;
  };

  const scanNumber = (): boolean => {
    accept('+-');
    let digits = '0123456789_';
    if (accept('0')) {
      if (accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (accept('oO')) digits = '01234567_';
      else if (accept('bB')) digits = '01_';
    }
    acceptRun(digits);
    if (accept('.')) acceptRun(digits);
    if (digits.length === 11 && accept('eE')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    if (digits.length === 23 && accept('pP')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    accept('i');
    if (isAlphaNumeric(peek())) {
      next();
      return false;
    }
    return true;
  };

  const lexQuoted = (quote: string, what: string): boolean => {
    for (;;) {
      let c = next();
      if (c === '\\') {
        c = next();
        if (c !== undefined && c !== '\n') continue;
        return fail(`unterminated ${what}`);
      }
      if (c === undefined || c === '\n') return fail(`unterminated ${what}`);
      if (c === quote) return true;
    }
  };

  const lexInsideAction = (): 'action' | 'text' | 'stop' => {
    const [delim] = atRightDelim();
    if (delim) {
      if (parenDepth === 0) {
        lexRightDelim();
        return 'text';
      }
      fail('unclosed left paren');
      return 'stop';
    }
    const c = next();
    if (c === undefined) {
      fail('unclosed action');
      return 'stop';
    }
    if (isSpace(c)) {
      backup(c);
      let n = 0;
      while (isSpace(peek())) {
        next();
        n++;
      }
      if (hasRightTrim(input, pos - 1) && input.startsWith(RIGHT, pos + 1)) {
        backup(input[pos - 1]);
        if (n === 1) {
          lexRightDelim();
          return 'text';
        }
      }
      emit('space');
      return 'action';
    }
    switch (c) {
      case '=':
        emit('assign');
        return 'action';
      case ':':
        if (next() !== '=') {
          fail('expected :=');
          return 'stop';
        }
        emit('declare');
        return 'action';
      case '|':
        emit('pipe');
        return 'action';
      case '"':
        if (!lexQuoted('"', 'quoted string')) return 'stop';
        emit('string');
        return 'action';
      case '`': {
        const end = input.indexOf('`', pos);
        if (end < 0) {
          fail('unterminated raw quoted string');
          return 'stop';
        }
        countLines(pos, end + 1);
        pos = end + 1;
        emit('rawString');
        return 'action';
      }
      case '$':
        if (atTerminator()) {
          emit('variable');
          return 'action';
        }
        return lexFieldOrVariable('variable') ? 'action' : 'stop';
      case "'":
        if (!lexQuoted("'", 'character constant')) return 'stop';
        emit('charConstant');
        return 'action';
      case '(':
        emit('leftParen');
        parenDepth++;
        return 'action';
      case ')':
        emit('rightParen');
        parenDepth--;
        if (parenDepth < 0) {
          fail(`unexpected right paren ${formatU(c)}`);
          return 'stop';
        }
        return 'action';
    }
    if (c === '.') {
      const d = input[pos];
      if (d !== undefined && (d < '0' || d > '9')) return lexFieldOrVariable('field') ? 'action' : 'stop';
    }
    if (c === '.' || c === '+' || c === '-' || (c >= '0' && c <= '9')) {
      backup(c);
      if (!scanNumber()) {
        fail(`bad number syntax: ${JSON.stringify(input.slice(start, pos))}`);
        return 'stop';
      }
      const sign = peek();
      if (sign === '+' || sign === '-') {
        if (!scanNumber() || input[pos - 1] !== 'i') {
          fail(`bad number syntax: ${JSON.stringify(input.slice(start, pos))}`);
          return 'stop';
        }
        emit('complex');
      } else emit('number');
      return 'action';
    }
    if (isAlphaNumeric(c)) {
      let r: string | undefined;
      for (;;) {
        r = next();
        if (!isAlphaNumeric(r)) {
          backup(r);
          break;
        }
      }
      if (!atTerminator()) {
        fail(`bad character ${formatU(r ?? '')}`);
        return 'stop';
      }
      const word = input.slice(start, pos);
      if (word === 'break' && opts.breakOK === false) emit('identifier');
      else if (word === 'continue' && opts.continueOK === false) emit('identifier');
      else if (KEYWORDS.has(word as ItemType)) emit(word as ItemType);
      else if (word === 'true' || word === 'false') emit('bool');
      else emit('identifier');
      return 'action';
    }
    const cp = c.codePointAt(0)!;
    if (cp < 0x80 && cp >= 0x20 && cp !== 0x7f) {
      emit('char');
      return 'action';
    }
    fail(`unrecognized character in action: ${formatU(c)}`);
    return 'stop';
  };

  for (;;) {
    if (lexText() === 'done') return items;
    pos += LEFT.length;
    const trim = hasLeftTrim(input, pos);
    const after = trim ? 2 : 0;
    if (input.startsWith('/*', pos + after)) {
      pos += after;
      ignore();
      if (!lexComment()) return items;
      continue;
    }
    emit('leftDelim');
    pos += after;
    ignore();
    parenDepth = 0;
    let state: 'action' | 'text' | 'stop';
    do state = lexInsideAction();
    while (state === 'action');
    if (state === 'stop') return items;
  }
}
