// formatter.Ellipsis cases, including wide runes as docker history printed them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ellipsis, runeWidth } from './ellipsis.js';

test('ASCII is cut to width-1 runes plus …', () => {
  assert.equal(ellipsis('/bin/sh -c #(nop) COPY file:f364d7f56db5bd42423bb48d0c34a20dba3269662256c97cbd8514f29bdce70a', 45),
    '/bin/sh -c #(nop) COPY file:f364d7f56db5bd42…');
  assert.equal(ellipsis('short', 45), 'short');
  assert.equal(ellipsis('x'.repeat(45), 45), 'x'.repeat(45));
  assert.equal(ellipsis('abc', 1), 'a');
  assert.equal(ellipsis('abc', 0), '');
});

test('wide runes count twice', () => {
  assert.equal(runeWidth('中'.codePointAt(0)!), 2);
  assert.equal(runeWidth('é'.codePointAt(0)!), 1);
  assert.equal(runeWidth('😀'.codePointAt(0)!), 2);
  assert.equal(ellipsis('中文字符'.repeat(6) + ' abc', 45), '中文字符中文字符中文字符中文字符中文字符中文…');
  assert.equal(ellipsis('é'.repeat(50), 45), 'é'.repeat(44) + '…');
});
