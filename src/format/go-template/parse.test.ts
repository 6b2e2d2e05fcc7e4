import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Template, TemplateError } from './index.js';

const parseError = (text: string) => {
  try {
    Template.parse(text);
  } catch (e) {
    assert.ok(e instanceof TemplateError);
    assert.equal(e.phase, 'parse');
    assert.equal(e.code, 'INVALID_ARGUMENT');
    return e.message;
  }
  assert.fail(`parsed: ${text}`);
};

// Messages checked against Go 1.19's text/template (what Docker 20.10 is built with).
test('parse errors carry Go wording and line', () => {
  const cases: [string, string][] = [
    ['{{.Foo', 'template: :1: unclosed action'],
    ['{{}}', 'template: :1: missing value for command'],
    ['{{.Foo}', "template: :1: bad character U+007D '}'"],
    ['{{end}}', 'template: :1: unexpected {{end}}'],
    ['{{else}}', 'template: :1: unexpected {{else}}'],
    ['{{if .s}}x', 'template: :1: unexpected EOF'],
    ['{{range}}{{end}}', 'template: :1: missing value for range'],
    ['{{.s | "a"}}', 'template: :1: non executable command in pipeline stage 2'],
    ['{{if 1}}{{$y := 2}}{{end}}{{$y}}', 'template: :1: undefined variable "$y"'],
    ['{{$x}}', 'template: :1: undefined variable "$x"'],
    ['{{nosuch 1}}', 'template: :1: function "nosuch" not defined'],
    ['{{/* unclosed', 'template: :1: unclosed comment'],
    ['{{/* c */ x}}', 'template: :1: comment ends before closing delimiter'],
    ['{{break}}', 'template: :1: {{break}} outside {{range}}'],
    ['{{range .a}}{{break 1}}{{end}}', 'template: :1: unexpected "1" in {{break}}'],
    ['{{$x, $y := .s}}', 'template: :1: too many declarations in command'],
    ['{{range $x, $y, $z := .a}}{{end}}', 'template: :1: too many declarations in range'],
    ['{{range $x, 3 := .a}}{{end}}', 'template: :1: range can only initialize variables'],
    ["{{'ab'}}", "template: :1: malformed character constant: 'ab'"],
    ["{{'}}", 'template: :1: unterminated character constant'],
    ['{{"abc}}', 'template: :1: unterminated quoted string'],
    ['{{089}}', 'template: :1: integer overflow: "089"'],
    ['{{0x}}', 'template: :1: illegal number syntax: "0x"'],
    ['{{3a}}', 'template: :1: bad number syntax: "3a"'],
    ['{{.a.b', 'template: :1: unclosed action'],
    ['{{1.2.3}}', 'template: :1: unexpected ".3" in operand'],
    ['{{(1}}', 'template: :1: unclosed left paren'],
    ['{{1)}}', 'template: :1: unexpected ")" in command'],
    ['{{.x!}}', 'template: :1: bad character U+0021 \'!\''],
    ['{{"x".y}}', 'template: :1: unexpected . after term "\\"x\\""'],
    ['{{define "a"}}x{{end}}{{define "a"}}y{{end}}', 'template: :1: template: multiple definition of template "a"'],
    ['line1\n{{if}}', 'template: :2: missing value for if'],
    ['{{if .a\n}}x{{end', 'template: :2: unclosed action'],
    ['{{| .a}}', 'template: :1: unexpected "|" in command'],
    ['{{.a := 1}}', 'template: :1: unexpected ":=" in operand'],
    ['{{template 1}}', 'template: :1: unexpected "1" in template clause'],
    ['{{if .a}}{{else}}{{else}}{{end}}', 'template: :1: expected end; found {{else}}'],
    ['{{with .a}}{{else if .b}}{{end}}', 'template: :1: unexpected <if> in input'],
    ['{{.a..b}}', 'template: :1: unexpected <.> in operand'],
    ['{{.a ~}}', 'template: :1: unexpected "~" in operand'],
    ['{{.a\x01}}', 'template: :1: bad character U+0001'],
    ['{{-/* x */}}', 'template: :1: illegal number syntax: "-"'],
  ];
  for (const [text, want] of cases) assert.equal(parseError(text), want, text);
});

test('trim markers remove whitespace around actions; comments vanish', () => {
  const run = (t: string) => Template.parse(t).execute({ s: 'str' });
  assert.equal(run('{{- " a " -}} x {{- .s}}'), ' a xstr');
  assert.equal(run('a  {{- .s -}}  b'), 'astrb');
  assert.equal(run('x {{- /* c */ -}} y'), 'xy');
  assert.equal(run('{{/* comment */}}x'), 'x');
  assert.equal(run('{{-3}}'), '-3');
  assert.equal(run('a\n\t {{- .s}}\n'), 'astr\n');
});

test('literals: numbers in every base, characters, strings and raw strings', () => {
  const run = (t: string) => Template.parse(t).execute({});
  assert.equal(run("{{'a'}} {{0x1F}} {{1e3}} {{-5}} {{1_000}} {{0b101}} {{0o17}} {{017}} {{1.5}} {{.5}} {{'\\n'}}"), '97 31 1000 -5 1000 5 15 15 1.5 0.5 10');
  assert.equal(run('{{"\\x41\\101\\u00e9\\U0001F600\\t"}}'), 'AAé😀\t');
  assert.equal(run('{{`raw\\n\nstr`}}'), 'raw\\n\nstr');
  assert.equal(run('{{true}} {{false}}'), 'true false');
});
