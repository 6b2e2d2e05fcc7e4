import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Template, TemplateError } from './index.js';

const D = { a: [1, 'x', null, 2.5], m: { z: '1', a: '2' }, c: null, s: 'str', n: 3, u: '日本語', arr: ['/bin/sh', '-c', 'echo hi'] };
const run = (t: string, data: unknown = D) => Template.parse(t).execute(data);
const execError = (t: string, data: unknown = D) => {
  try {
    run(t, data);
  } catch (e) {
    assert.ok(e instanceof TemplateError);
    return e.message;
  }
  assert.fail(`executed: ${t}`);
};

// Expected values checked against Go 1.19's text/template with docker/cli's function map.
test('builtins: and, or, not, len, index, slice', () => {
  assert.equal(run('{{and 1 0 2}}|{{or 0 "" 3}}|{{and 1 2}}|{{or 0 ""}}|{{not .c}}|{{and .c .x}}|{{or .c .missing}}'), '0|3|2||true|<no value>|<no value>');
  assert.equal(run('{{len .s}} {{len .u}} {{len .a}} {{len .m}}'), '3 9 4 2');
  assert.equal(run('{{index .a 1}} {{index .m "a"}} {{index .s 0}}'), 'x 2 115');
  assert.equal(run('{{slice .s 1 2}}|{{slice .a 1}}|{{slice .a 1 3}}|{{slice .u 0 3}}'), 't|[x <nil> 2.5]|[x <nil>]|日');
});

test('builtins: comparisons', () => {
  assert.equal(run('{{eq .n 3}} {{eq .s "str"}} {{eq .s "a" "str"}} {{ne .n 4}} {{lt 1 2}} {{le 2 2}} {{gt "b" "a"}} {{ge 1 2}}'), 'true true true true true true true false');
  assert.equal(run('{{eq .missing "a"}} {{eq .c .missing}}'), 'false true');
});

test('builtins: print, printf, println, html, js, urlquery, call', () => {
  assert.equal(run('{{print 1 2 "a" "b" 3 .c}}'), '1 2ab3 <nil>');
  assert.equal(run('{{println 1 "a"}}'), '1 a\n');
  assert.equal(run('{{printf "%s-%d" .s 3}}'), 'str-3');
  assert.equal(run('{{printf "%v %v" .a .m}}'), '[1 x <nil> 2.5] map[a:2 z:1]');
  assert.equal(run('{{html "<a&\\"b\'>"}}'), '&lt;a&amp;&#34;b&#39;&gt;');
  assert.equal(run('{{js "a<b>\'\\"=\\\\"}}'), 'a\\u003Cb\\u003E\\\'\\"\\u003D\\\\');
  assert.equal(run('{{urlquery "a b&c/d"}}'), 'a+b%26c%2Fd');
  assert.equal(run('{{call .f 2 3}}', { f: (x: number, y: number) => x * y }), '6');
});

test('builtin errors', () => {
  const cases: [string, string][] = [
    ['{{len .c}}', 'template: :1:2: executing "" at <len .c>: error calling len: len of nil pointer'],
    ['{{len 3}}', 'template: :1:2: executing "" at <len 3>: error calling len: len of type int'],
    ['{{eq .s 1}}', 'template: :1:2: executing "" at <eq .s 1>: error calling eq: incompatible types for comparison'],
    ['{{lt .c 1}}', 'template: :1:2: executing "" at <lt .c 1>: error calling lt: invalid type for comparison'],
    ['{{lt true false}}', 'template: :1:2: executing "" at <lt true false>: error calling lt: invalid type for comparison'],
    ['{{eq 1}}', 'template: :1:2: executing "" at <eq 1>: error calling eq: missing argument for comparison'],
    ['{{eq}}', 'template: :1:2: executing "" at <eq>: wrong number of args for eq: want at least 1 got 0'],
    ['{{not 1 2}}', 'template: :1:2: executing "" at <not>: wrong number of args for not: want 1 got 2'],
    ['{{index .a 9}}', 'template: :1:2: executing "" at <index .a 9>: error calling index: index out of range: 9'],
    ['{{index .a 4}}', 'template: :1:2: executing "" at <index .a 4>: error calling index: reflect: slice index out of range'],
    ['{{index .a 1.5}}', 'template: :1:2: executing "" at <index .a 1.5>: error calling index: cannot index slice/array with type float64'],
    ['{{index .c 1}}', 'template: :1:2: executing "" at <index .c 1>: error calling index: index of untyped nil'],
    ['{{slice .s 2 1}}', 'template: :1:2: executing "" at <slice .s 2 1>: error calling slice: invalid slice index: 2 > 1'],
    ['{{call .s}}', 'template: :1:2: executing "" at <call .s>: error calling call: non-function of type string'],
    ['{{printf 3}}', 'template: :1:9: executing "" at <3>: expected string; found 3'],
    ['{{printf}}', 'template: :1:2: executing "" at <printf>: wrong number of args for printf: want at least 1 got 0'],
  ];
  for (const [t, want] of cases) assert.equal(execError(t), want, t);
});

test("docker's functions: json, split, join, title, lower, upper, pad, truncate", () => {
  assert.equal(run('{{json .}}', { b: 1, a: '<none>', c: [true, null] }), '{"b":1,"a":"<none>","c":[true,null]}');
  assert.equal(run('{{json .missing}}|{{json .c}}|{{json .s}}'), 'null|null|"str"');
  assert.equal(run('{{split "a,b,c" ","}}|{{split "abc" ""}}|{{split "" ","}}|{{len (split "" ",")}}'), '[a b c]|[a b c]|[]|1');
  assert.equal(run('{{join .arr " "}}|{{join (split "a:b" ":") "+"}}'), '/bin/sh -c echo hi|a+b');
  assert.equal(run('{{title "hello wOrld-x_y foo.bar"}}|{{upper "abc"}}|{{lower "ÀBC"}}'), 'Hello WOrld-X_y Foo.Bar|ABC|àbc');
  assert.equal(run('{{pad .s 1 2}}|{{pad "" 1 2}}|{{truncate .s 2}}|{{truncate .s 10}}'), ' str  ||st|str');
});

test("docker's function argument checks", () => {
  const cases: [string, string][] = [
    ['{{split .n ","}}', 'template: :1:8: executing "" at <.n>: wrong type for value; expected string; got int'],
    ['{{split 3 ","}}', 'template: :1:8: executing "" at <3>: expected string; found 3'],
    ['{{join .a ","}}', 'template: :1:7: executing "" at <.a>: wrong type for value; expected []string; got []interface {}'],
    ['{{split .s}}', 'template: :1:2: executing "" at <split>: wrong number of args for split: want 2 got 1'],
    ['{{pad .s "1" 2}}', 'template: :1:9: executing "" at <"1">: expected integer; found "1"'],
    ['{{split nil ","}}', 'template: :1:8: executing "" at <nil>: cannot assign nil to string'],
    ['{{.arr | join " "}}', 'template: :1:14: executing "" at <" ">: can\'t handle " " for arg of type []string'],
  ];
  for (const [t, want] of cases) assert.equal(execError(t), want, t);
});

test('user functions extend and override the builtins', () => {
  const t = Template.parse('{{shout .s}} {{len .s}}', {
    funcs: { shout: (s: unknown) => String(s).toUpperCase() + '!', len: { params: ['string'], fn: () => 42 } },
  });
  assert.equal(t.execute(D), 'STR! 42');
});
