// Word expansion as Docker's classic builder does it (cases from moby's shell lexer behaviour).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { processWord, processWords } from './expand.js';

const env = ['A=1', 'B=two words', 'EMPTY=', 'A=shadowed'];

test('plain variables, braces and unset ones', () => {
  assert.equal(processWord('$A', env), '1');
  assert.equal(processWord('${A}x', env), '1x');
  assert.equal(processWord('x$NOPE.y', env), 'x.y');
  assert.equal(processWord('$', env), '$');
  assert.equal(processWord('a$/b', env), 'a$/b');
});

test('modifiers :- and :+', () => {
  assert.equal(processWord('${NOPE:-def}', env), 'def');
  assert.equal(processWord('${EMPTY:-def}', env), 'def');
  assert.equal(processWord('${A:-def}', env), '1');
  assert.equal(processWord('${A:+alt}', env), 'alt');
  assert.equal(processWord('${NOPE:+alt}', env), '');
  assert.equal(processWord('${NOPE:-$A}', env), '1');
  assert.throws(() => processWord('${A:?x}', env), /unsupported modifier \(\?\) in substitution/);
  assert.throws(() => processWord('${A', env), /missing ':' in substitution/);
  assert.throws(() => processWord('${', env), /missing '}'/);
  assert.throws(() => processWord('${}', env), /bad substitution/);
});

test('quotes and escapes', () => {
  assert.equal(processWord(`'$A'`, env), '$A');
  assert.equal(processWord(`"$A b"`, env), '1 b');
  assert.equal(processWord('\\$A', env), '$A');
  assert.equal(processWord('"a\\"b\\$c\\d"', env), 'a"b$c\\d');
  assert.equal(processWord('a\\ b', env), 'a b');
  assert.equal(processWord('`$A', env, '`'), '$A');
  assert.throws(() => processWord('"abc', env), /matching double-quote/);
  assert.throws(() => processWord("'abc", env), /matching single-quote/);
});

test('processWords splits unquoted whitespace, also inside unquoted variables', () => {
  assert.deepEqual(processWords('$B "x y" z', env), ['two', 'words', 'x y', 'z']);
  assert.deepEqual(processWords('"$B"', env), ['two words']);
  assert.deepEqual(processWords('80 443/udp', env), ['80', '443/udp']);
});
