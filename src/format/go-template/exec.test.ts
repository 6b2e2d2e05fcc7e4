import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Template, TemplateError, goStruct, nilMap, nilSlice } from './index.js';

const D = {
  a: [1, 'x', null, 2.5],
  m: { z: '1', a: '2' },
  c: null,
  s: 'str',
  n: 3,
  e: {},
  nested: { x: { y: { z: 'deep' } }, l: [{ k: 'v1' }, { k: 'v2' }] },
};
const run = (t: string, data: unknown = D, opts = {}) => Template.parse(t, opts).execute(data);
const execError = (t: string, data: unknown = D, opts = {}) => {
  try {
    run(t, data, opts);
  } catch (e) {
    assert.ok(e instanceof TemplateError);
    assert.equal(e.phase, 'exec');
    return e.message;
  }
  assert.fail(`executed: ${t}`);
};

// Expected strings and messages were produced by Go 1.19's text/template over the same JSON data.
test('fields, chains and printing of JSON shapes', () => {
  assert.equal(run('{{.a}} {{.m}} {{.c}} {{.s}} {{.n}} {{.e}}'), '[1 x <nil> 2.5] map[a:2 z:1] <no value> str 3 map[]');
  assert.equal(run('{{.nested.x.y.z}}|{{.nested.l}}|{{.missing.Foo}}'), 'deep|[map[k:v1] map[k:v2]]|<no value>');
  assert.equal(run('{{(index .nested.l 1).k}} {{index .nested "l" 0 "k"}} {{(.nested).x.y.z}}'), 'v2 v1 deep');
  assert.equal(run('{{.}}', { b: true, f: 2.5 }), 'map[b:true f:2.5]');
  assert.equal(run('{{.}}', null), '<no value>');
});

test('variables, $ and assignment', () => {
  assert.equal(run('{{$x := "a"}}{{$x = "b"}}{{$x}}'), 'b');
  assert.equal(run('{{$}}', { s: 1 }), 'map[s:1]');
  assert.equal(run('{{range .nested.l}}{{$.s}}{{.k}} {{end}}'), 'strv1 strv2 ');
  assert.equal(run('{{$x := .m}}{{$x.z}}'), '1');
  assert.equal(run('{{with $x := .s}}{{$x}}{{end}}'), 'str');
});

test('if / else if / with / range / break / continue', () => {
  assert.equal(run('{{if .e}}t{{else}}f{{end}}'), 'f');
  assert.equal(run('{{if .s}}a{{else if .n}}b{{else}}c{{end}}'), 'a');
  assert.equal(run('{{if .c}}a{{else if .zero}}b{{else}}c{{end}}'), 'c');
  assert.equal(run('{{with .m}}{{.z}}{{end}}{{with ""}}x{{else}}empty{{end}}'), '1empty');
  assert.equal(run('{{range $k, $v := .m}}{{$k}}={{$v}};{{end}}'), 'a=2;z=1;');
  assert.equal(run('{{range $v := .m}}{{$v}}{{end}}'), '21');
  assert.equal(run('{{range $i, $e := .a}}{{$i}}:{{$e}} {{break}}{{end}}'), '0:1 ');
  assert.equal(run('{{range $i, $e := .a}}{{if eq $i 1}}{{continue}}{{end}}{{$i}}:{{$e}} {{end}}'), '0:1 2:<no value> 3:2.5 ');
  assert.equal(run('{{range .ea}}x{{else}}none{{end}}|{{range .c}}x{{else}}nil{{end}}', { ea: [], c: null }), 'none|nil');
  assert.equal(run('{{range .}}{{.}}{{end}}', nilSlice()), '');
  assert.equal(run('{{range .L}}x{{else}}empty{{end}}', { L: nilMap() }), 'empty');
});

test('pipelines pass the value as the last argument; parentheses group', () => {
  assert.equal(run('{{3 | printf "%d"}}'), '3');
  assert.equal(run('{{ .s | printf "%s-%s" "p" }}'), 'p-str');
  assert.equal(run('{{printf "%s" "x" | printf "%s-%s" "y"}}'), 'y-x');
  assert.equal(run('{{.s | len}} {{((1))}} {{(printf "a")}}'), '3 1 a');
});

test('define, template and block', () => {
  assert.equal(run('{{define "x"}}X{{.}}{{end}}{{template "x" .s}}'), 'Xstr');
  assert.equal(run('{{block "b" .n}}B{{.}}{{end}}'), 'B3');
});

test('execution errors carry Go wording, position and context', () => {
  const cases: [string, string][] = [
    ['{{.s.Foo}}', 'template: :1:4: executing "" at <.s.Foo>: can\'t evaluate field Foo in type interface {}'],
    ['{{.c.Foo}}', 'template: :1:4: executing "" at <.c.Foo>: nil pointer evaluating interface {}.Foo'],
    ['{{$x := 1}}{{$x.y}}', 'template: :1:15: executing "" at <$x.y>: can\'t evaluate field y in type int'],
    ['{{.m.z 1}}', 'template: :1:4: executing "" at <.m.z>: z is not a method but has arguments'],
    ['{{"a" 1}}', 'template: :1:2: executing "" at <"a">: can\'t give argument to non-function "a"'],
    ['{{nil}}', 'template: :1:2: executing "" at <nil>: nil is not a command'],
    ['{{range .s}}x{{end}}', 'template: :1:8: executing "" at <.s>: range can\'t iterate over str'],
    ['{{template "x"}}', 'template: :1:11: executing "" at <{{template "x"}}>: template "x" not defined'],
    ['line1\n  {{.c.x}}', 'template: :2:6: executing "" at <.c.x>: nil pointer evaluating interface {}.x'],
    ['{{(1) 2}}', 'template: :1:2: executing "" at <(1) 2>: can\'t give argument to non-function 1'],
    ['{{(index .a 0).y}}', 'template: :1:12: executing "" at <0>: can\'t evaluate field y in type int'],
    ['日本{{.c.x}}', 'template: :1:10: executing "" at <.c.x>: nil pointer evaluating interface {}.x'],
  ];
  for (const [t, want] of cases) assert.equal(execError(t), want, t);
});

test('missingkey=error and missingkey=zero', () => {
  assert.equal(execError('{{.Foo}}', D, { missingKey: 'error' }), 'template: :1:2: executing "" at <.Foo>: map has no entry for key "Foo"');
  assert.equal(execError('{{.missing.q}}', D, { missingKey: 'error' }), 'template: :1:10: executing "" at <.missing.q>: map has no entry for key "missing"');
  assert.equal(run('{{.m.q}}|', D, { missingKey: 'zero' }), '|');
});

test('structs: unknown fields are errors, getters and methods are called', () => {
  const row = goStruct('*formatter.imageContext', {
    ID: '01d1045bd2a6',
    get Size() {
      return '199MB';
    },
    Short(n: number) {
      return this.ID.slice(0, n);
    },
  });
  assert.equal(run('{{.ID}} {{.Size}} {{.Short 4}} {{.Short 2 | printf "%q"}}', row), '01d1045bd2a6 199MB 01d1 "01"');
  assert.equal(
    execError('{{.Foo}}', row),
    'template: :1:2: executing "" at <.Foo>: can\'t evaluate field Foo in type *formatter.imageContext',
  );
  assert.equal(execError('{{.ID 1}}', row), 'template: :1:2: executing "" at <.ID>: ID has arguments but cannot be invoked as function');
  class Ctx {
    static goType = '*formatter.containerContext';
    Names = 'web';
  }
  assert.equal(run('{{.Names}}', new Ctx()), 'web');
  assert.match(execError('{{.Image}}', new Ctx()), /can't evaluate field Image in type \*formatter\.containerContext$/);
});

test('partial output stays available when execution fails', () => {
  const r = Template.parse('a{{.s}}b{{.c.x}}c').executePartial(D);
  assert.equal(r.output, 'astrb');
  assert.ok(r.error instanceof TemplateError);
});

test('typed nils print as Go prints them (docker inspect of a null Labels/Entrypoint)', () => {
  const cfg = { Labels: nilMap(), Entrypoint: nilSlice(), Volumes: { '/data': goStruct('struct {}', {}) } };
  assert.equal(run('{{.Labels}}|{{.Entrypoint}}|{{.Volumes}}|{{if .Entrypoint}}y{{else}}n{{end}}|{{len .Labels}}', cfg), 'map[]|[]|map[/data:{}]|n|0');
  assert.equal(run('{{index .Labels "x"}}|{{json .Labels}}', cfg), '|null');
});
