// The parser-level splitting of ENV/LABEL/ARG arguments and instruction flags.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJSONForm, parseNameOrNameVal, parseNameVal, parseWords, splitFlags } from './parse-words.js';

test('parseWords keeps quotes and escapes for the expansion step', () => {
  assert.deepEqual(parseWords('A=1 B="two words"  C=a\\ b'), ['A=1', 'B="two words"', 'C=a\\ b']);
  assert.deepEqual(parseWords(`x='a b' ""`), [`x='a b'`, '""']);
});

test('ENV name=value pairs and the legacy form', () => {
  assert.deepEqual(parseNameVal('A=1 B="x y"', 'ENV'), [{ key: 'A', value: '1' }, { key: 'B', value: '"x y"' }]);
  assert.deepEqual(parseNameVal('LEGACY value with  spaces', 'ENV'), [{ key: 'LEGACY', value: 'value with  spaces' }]);
  assert.throws(() => parseNameVal('A=1 B', 'ENV'), /can't find = in "B"/);
  assert.throws(() => parseNameVal('ALONE', 'ENV'), /ENV must have two arguments/);
});

test('ARG with and without defaults', () => {
  assert.deepEqual(parseNameOrNameVal('A B=2'), [{ key: 'A', value: null }, { key: 'B', value: '2' }]);
});

test('flags and JSON form', () => {
  const { flags, rest } = splitFlags('--from=build --chown=1:2 a b');
  assert.deepEqual([...flags], [['from', 'build'], ['chown', '1:2']]);
  assert.equal(rest, 'a b');
  assert.deepEqual(parseJSONForm('["/bin/sh", "-c"]'), ['/bin/sh', '-c']);
  assert.equal(parseJSONForm('[not json'), null);
  assert.equal(parseJSONForm('echo [1]'), null);
});
