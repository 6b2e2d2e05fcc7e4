import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathMatch, familiarMatch, matchesReferenceFilter } from './match.js';
import { parseNormalizedNamed } from './normalize.js';
import { isBerthError } from '../errors.js';

const BAD = Symbol('bad pattern');

test("pathMatch follows Go's path.Match", () => {
  const cases: [string, string, boolean | typeof BAD][] = [
    ['abc', 'abc', true],
    ['*', 'abc', true],
    ['*c', 'abc', true],
    ['a*', 'a', true],
    ['a*', 'abc', true],
    ['a*', 'ab/c', false],
    ['a*/b', 'abc/b', true],
    ['a*/b', 'a/c/b', false],
    ['a*b*c*d*e*/f', 'axbxcxdxe/f', true],
    ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true],
    ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false],
    ['a*b*c*d*e*/f', 'axbxcxdxexxx/fff', false],
    ['a*b?c*x', 'abxbbxdbxebxczzx', true],
    ['a*b?c*x', 'abxbbxdbxebxczzy', false],
    ['ab[c]', 'abc', true],
    ['ab[b-d]', 'abc', true],
    ['ab[e-g]', 'abc', false],
    ['ab[^c]', 'abc', false],
    ['ab[^b-d]', 'abc', false],
    ['ab[^e-g]', 'abc', true],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'ab', false],
    ['a?b', 'a☺b', true],
    ['a[^a]b', 'a☺b', true],
    ['a???b', 'a☺b', false],
    ['a[^a][^a][^a]b', 'a☺b', false],
    ['[a-ζ]*', 'α', true],
    ['*[a-ζ]', 'A', false],
    ['a?b', 'a/b', false],
    ['a*b', 'a/b', false],
    ['[\\]a]', ']', true],
    ['[\\-]', '-', true],
    ['[x\\-]', 'x', true],
    ['[x\\-]', '-', true],
    ['[x\\-]', 'z', false],
    ['[\\-x]', 'x', true],
    ['[\\-x]', '-', true],
    ['[\\-x]', 'a', false],
    ['[]a]', ']', BAD],
    ['[-]', '-', BAD],
    ['[x-]', 'x', BAD],
    ['[x-]', '-', BAD],
    ['[x-]', 'z', BAD],
    ['[-x]', 'x', BAD],
    ['[-x]', '-', BAD],
    ['[-x]', 'a', BAD],
    ['\\', 'a', BAD],
    ['[a-b-c]', 'a', BAD],
    ['[', 'a', BAD],
    ['[^', 'a', BAD],
    ['[^bc', 'a', BAD],
    ['a[', 'a', BAD],
    ['a[', 'ab', BAD],
    ['a[', 'x', BAD],
    ['a/b[', 'x', BAD],
    ['*x', 'xxx', true],
    ['', '', true],
    ['', 'a', false],
    ['*', '', true],
    ['a*', 'ab[', true],
    ['x*[', 'xyz', BAD],
  ];
  for (const [pattern, name, want] of cases) {
    const label = `${JSON.stringify(pattern)} ~ ${JSON.stringify(name)}`;
    if (want === BAD) {
      assert.throws(
        () => pathMatch(pattern, name),
        (e: unknown) => isBerthError(e, 'INVALID_ARGUMENT') && e.message === 'syntax error in pattern',
        label,
      );
    } else {
      assert.equal(pathMatch(pattern, name), want, label);
    }
  }
});

test('familiarMatch: distribution cases', () => {
  const cases: [string, string, boolean][] = [
    ['foo', 'foo/**/ba[rz]', false],
    ['foo/any/bat', 'foo/**/ba[rz]', false],
    ['foo/a/bar', 'foo/**/ba[rz]', true],
    ['foo/b/baz', 'foo/**/ba[rz]', true],
    ['foo/c/baz:tag', 'foo/**/ba[rz]', true],
    ['foo/c/baz:tag', 'foo/*/baz:tag', true],
    ['foo/c/baz:tag', 'foo/c/baz:tag', true],
    ['example.com/foo/c/baz:tag', '*/foo/c/baz', true],
    ['example.com/foo/c/baz:tag', 'example.com/foo/c/baz', true],
  ];
  for (const [ref, pattern, want] of cases) {
    assert.equal(familiarMatch(pattern, parseNormalizedNamed(ref)), want, `${ref} ~ ${pattern}`);
  }
  assert.throws(() => familiarMatch('[-x]', parseNormalizedNamed('foo')), /syntax error in pattern/);
});

test('images --filter reference=… as Docker 20.10 answers it', () => {
  // Observed with `docker images --filter reference=P` over these tags.
  const tags = ['bench/app:1', 'zzz:t1', 'localhost:5000/lib/zzz:t2', '127.0.0.1:5000/bench/app:1', 'foo:Tag_1'];
  const refs = tags.map((t) => parseNormalizedNamed(t));
  const run = (p: string) => refs.filter((r) => matchesReferenceFilter([p], r)).map((r) => r.familiar());
  assert.deepEqual(run('bench/*'), ['bench/app:1']);
  assert.deepEqual(run('*'), ['zzz:t1', 'foo:Tag_1']);
  assert.deepEqual(run('*/*'), ['bench/app:1']);
  assert.deepEqual(run('zzz'), ['zzz:t1']);
  assert.deepEqual(run('zzz:t1'), ['zzz:t1']);
  assert.deepEqual(run('docker.io/library/zzz'), []);
  assert.deepEqual(run('library/zzz'), []);
  assert.deepEqual(run('localhost:5000/*/*'), ['localhost:5000/lib/zzz:t2']);
  assert.deepEqual(run('*:t2'), []);
  assert.deepEqual(run('*/*/*'), ['localhost:5000/lib/zzz:t2', '127.0.0.1:5000/bench/app:1']);
  assert.deepEqual(run('bench/app:1'), ['bench/app:1']);
  assert.equal(refs.filter((r) => matchesReferenceFilter([], r)).length, tags.length);
  assert.deepEqual(refs.filter((r) => matchesReferenceFilter(['zzz', 'bench/*'], r)).map((r) => r.familiar()), [
    'bench/app:1',
    'zzz:t1',
  ]);
});
