import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goJSON, goJSONIndent, goString } from './go-json.js';
import { GoNil, goStruct, nilMap, nilSlice } from './go-value.js';

test('goString escapes as encoding/json does (HTML-safe)', () => {
  assert.equal(goString('<none>'), '"\\u003cnone\\u003e"');
  assert.equal(goString('a&b"c\\\n\t\r\x01\u2028'), '"a\\u0026b\\"c\\\\\\n\\t\\r\\u0001\\u2028"');
  assert.equal(goString('日本語'), '"日本語"');
  // a string that needs no escape comes back quoted as it is; the HTML characters only where asked
  assert.equal(goString('plain text, 123'), '"plain text, 123"');
  assert.equal(goString('a<b', false), '"a<b"');
  assert.equal(goString('a<b"', false), '"a<b\\""');
});

test('goJSON keeps object order, drops undefined members, prints numbers as Go', () => {
  assert.equal(goJSON({ b: 1, a: [true, null, 'x'], u: undefined, f: 2.5, e: 1e21, s: 1e-7 }), '{"b":1,"a":[true,null,"x"],"f":2.5,"e":1e+21,"s":1e-7}');
  assert.equal(goJSON(new Map([['z', 1], ['a', 2]])), '{"a":2,"z":1}');
  assert.equal(goJSON(undefined), 'null');
});

test('typed nils and toJSON() marshal like json.Marshaler values', () => {
  assert.equal(goJSON({ Labels: nilMap(), Cmd: nilSlice(), P: new GoNil('ptr') }), '{"Labels":null,"Cmd":null,"P":null}');
  assert.equal(goJSON({ v: { toJSON: () => ({ x: 1 }) } }), '{"v":{"x":1}}');
  assert.equal(goJSON({ '/data': goStruct('struct {}', {}) }), '{"/data":{}}');
  assert.equal(goJSONIndent({ a: nilMap(), b: [1] }), '{\n    "a": null,\n    "b": [\n        1\n    ]\n}');
});

// Regression: Dates were written with toISOString(), always with milliseconds; Go's time.Time writes RFC 3339
// with the fraction's trailing zeros dropped.
test('Dates marshal as RFC 3339 with trailing fraction zeros dropped', () => {
  assert.equal(goJSON(new Date('2026-11-23T09:33:13.000Z')), '"2026-11-23T09:33:13Z"');
  assert.equal(goJSON(new Date('2026-11-23T09:33:13.500Z')), '"2026-11-23T09:33:13.5Z"');
  assert.equal(goJSON(new Date('2026-11-23T09:33:10.680Z')), '"2026-11-23T09:33:10.68Z"');
});

test('goJSONIndent matches json.MarshalIndent with four spaces (docker inspect)', () => {
  assert.equal(goJSONIndent([{ Id: 'x', RepoTags: [], Config: {} }]), '[\n    {\n        "Id": "x",\n        "RepoTags": [],\n        "Config": {}\n    }\n]');
});

test('methods of struct values are not marshalled', () => {
  const row = goStruct('*formatter.imageContext', { ID: 'x', Short: () => 'y' });
  assert.equal(goJSON(row), '{"ID":"x"}');
  assert.equal(goJSONIndent(row), '{\n    "ID": "x"\n}');
});

// Regression: Maps with non-string keys were looked up by their stringified key and marshalled as null.
test('Maps marshal with keys sorted as strings, whatever their type', () => {
  assert.equal(goJSON(new Map<unknown, unknown>([[2, 'b'], [1, 'a']])), '{"1":"a","2":"b"}');
  assert.equal(goJSONIndent(new Map([[10, true]])), '{\n    "10": true\n}');
});
