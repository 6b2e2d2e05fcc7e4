import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatValue, goQuote, sprint, sprintf, sprintln } from './go-fmt.js';
import { GoNil, goStruct, nilMap, nilSlice } from './go-value.js';

// Expected strings were produced by Go 1.19's fmt over the same values (numbers from JSON are float64 there;
// berth prints integral numbers as ints, which is what Docker's typed fields give).
test('%v of slices, maps, nil and structs', () => {
  assert.equal(formatValue(['/bin/sh', '-c', 'x']), '[/bin/sh -c x]');
  assert.equal(formatValue([1, 'x', null, 2.5]), '[1 x <nil> 2.5]');
  assert.equal(formatValue({ z: '1', a: '2' }), 'map[a:2 z:1]');
  assert.equal(formatValue(new Map([['b', 1], ['a', 2]])), 'map[a:2 b:1]');
  assert.equal(formatValue({}), 'map[]');
  assert.equal(formatValue(null), '<nil>');
  assert.equal(formatValue(nilMap()), 'map[]');
  assert.equal(formatValue(nilSlice()), '[]');
  assert.equal(formatValue(new GoNil('ptr')), '<nil>');
  assert.equal(formatValue({ '/data': goStruct('struct {}', {}) }), 'map[/data:{}]');
  assert.equal(formatValue(goStruct('types.RootFS', { Type: 'layers', Layers: ['a', 'b'], BaseLayer: '' })), '{layers [a b] }');
  assert.equal(formatValue(new Date('2026-11-23T09:33:13.682Z')), '2026-11-23 09:33:13.682 +0000 UTC');
  assert.equal(formatValue(1e21), '1e+21');
  assert.equal(formatValue(2.5), '2.5');
  assert.equal(formatValue(198948490), '198948490');
  assert.equal(formatValue(0.000012), '1.2e-05');
});

test('Sprint spaces operands unless one is a string; Sprintln always', () => {
  assert.equal(sprint([1, 2, 'a', 'b', 3, null]), '1 2ab3 <nil>');
  assert.equal(sprintln([1, 'a']), '1 a\n');
});

test('Sprintf verbs, flags, width and precision', () => {
  assert.equal(
    sprintf('%d %s %x %q %5.1f|%-5d|%05d|%t', [3, 'str', 255, 'str', 3.14159, 7, -42, true]),
    '3 str ff "str"   3.1|7    |-0042|true',
  );
  assert.equal(sprintf('%08.3f|%+d|% d|%x|%X|%o|%b|%c|%U|%#U|%q', [-3.14159, 5, 5, -255, 255, 8, 5, 65, 0x1f600, 65, 65]), "-003.142|+5| 5|-ff|FF|10|101|A|U+1F600|U+0041 'A'|'A'");
  assert.equal(sprintf('%10s|%-10s|%.2s|%5.1q', ['ab', 'cd', 'efgh', 'ijk']), '        ab|cd        |ef|  "i"');
  assert.equal(sprintf('%[2]d %[1]d', [1, 2]), '2 1');
  assert.equal(sprintf('%*d|%-*d', [5, 1, 4, 2]), '    1|2   ');
  assert.equal(sprintf('%6.2e %g %G', [12345.678, 0.000012, 1e21]), '1.23e+04 1.2e-05 1E+21');
  assert.equal(sprintf('%v|%.3v|%10.4v|%e|%.0f|%.1f|%.2f', [1.5, 3.14159, 2.71828, 1234.5678, 2.5, 0.25, 1.005]), '1.5|3.14|     2.718|1.234568e+03|2|0.2|1.00');
  assert.equal(sprintf('%x %X % x %#x', ['hello', 'hello', 'hi', 'hi']), '68656c6c6f 68656C6C6F 68 69 0x6869');
  assert.equal(sprintf('%s %v %d', [['a', 'b'], ['a', 'b'], ['a']]), '[a b] [a b] [%!d(string=a)]');
  assert.equal(sprintf('%5s|%.1s|%q', ['日本語', '日本語', '日本語']), '  日本語|日|"日本語"');
  assert.equal(sprintf('%T %T %T %T', ['s', true, 3, null]), 'string bool int <nil>');
  assert.equal(sprintf('100%%', []), '100%');
});

test("Sprintf reports fmt's errors inline", () => {
  assert.equal(sprintf('%d', ['str']), '%!d(string=str)');
  assert.equal(sprintf('%s', [3]), '%!s(int=3)');
  assert.equal(sprintf('%d %d', [1]), '1 %!d(MISSING)');
  assert.equal(sprintf('%d', [1, 2, 'x']), '1%!(EXTRA int=2, string=x)');
  assert.equal(sprintf('%s', [null]), '%!s(<nil>)');
  assert.equal(sprintf('%!', []), '%!!(MISSING)');
  assert.equal(sprintf('%', []), '%!(NOVERB)');
  assert.equal(sprintf('%z', [1]), '%!z(int=1)');
});

test('goQuote is strconv.Quote', () => {
  assert.equal(goQuote('a"b\\c\n\t\x01é😀'), '"a\\"b\\\\c\\n\\t\\x01é😀"');
  assert.equal(goQuote('é', true), '"\\u00e9"');
});
