import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, splitName, isTag, validateTag, parseReferenceDigest } from './parse.js';
import { isBerthError } from '../errors.js';

const FF64 = 'sha256:' + 'f'.repeat(64);

function throwsWith(fn: () => unknown, message: string) {
  assert.throws(fn, (e: unknown) => isBerthError(e, 'INVALID_ARGUMENT') && e.message === message);
}

test('parse splits domain, path, tag and digest as distribution does', () => {
  const cases: [string, string, string, string?, string?][] = [
    // input, domain, path, tag, digest
    ['test_com', '', 'test_com'],
    ['test.com:tag', '', 'test.com', 'tag'],
    ['test.com:5000', '', 'test.com', '5000'],
    ['test.com/repo:tag', 'test.com', 'repo', 'tag'],
    ['test:5000/repo', 'test:5000', 'repo'],
    ['test:5000/repo:tag', 'test:5000', 'repo', 'tag'],
    [`test:5000/repo@${FF64}`, 'test:5000', 'repo', undefined, FF64],
    [`test:5000/repo:tag@${FF64}`, 'test:5000', 'repo', 'tag', FF64],
    ['lowercase:Uppercase', '', 'lowercase', 'Uppercase'],
    ['a/'.repeat(127) + 'a:tag-puts-this-over-max', 'a', 'a/'.repeat(126) + 'a', 'tag-puts-this-over-max'],
    ['sub-dom1.foo.com/bar/baz/quux', 'sub-dom1.foo.com', 'bar/baz/quux'],
    ['sub-dom1.foo.com/bar/baz/quux:some-long-tag', 'sub-dom1.foo.com', 'bar/baz/quux', 'some-long-tag'],
    ['b.gcr.io/test.example.com/my-app:test.example.com', 'b.gcr.io', 'test.example.com/my-app', 'test.example.com'],
    ['xn--n3h.com/myimage:xn--n3h.com', 'xn--n3h.com', 'myimage', 'xn--n3h.com'],
    ['foo_bar.com:8080', '', 'foo_bar.com', '8080'],
    ['foo/foo_bar.com:8080', 'foo', 'foo_bar.com', '8080'],
    ['Foo.Example.COM:5000/x', 'Foo.Example.COM:5000', 'x'],
    ['dock__er/d---r/a.b_c', '', 'dock__er/d---r/a.b_c'],
    ['x:' + 'a'.repeat(128), '', 'x', 'a'.repeat(128)],
  ];
  for (const [input, domain, path, tag, digest] of cases) {
    const got = parse(input);
    assert.deepEqual(got, { domain, path, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) }, input);
  }
});

test('parse rejects what distribution rejects, with its messages', () => {
  const bad: [string, string][] = [
    ['', 'repository name must have at least one component'],
    [':justtag', 'invalid reference format'],
    [`@${FF64}`, 'invalid reference format'],
    ['aa/asdf$$^/aa', 'invalid reference format'],
    ['a:b:c', 'invalid reference format'],
    ['foo:', 'invalid reference format'],
    ['foo@', 'invalid reference format'],
    ['x:' + 'a'.repeat(129), 'invalid reference format'],
    ['x:-tag', 'invalid reference format'],
    ['docker///docker', 'invalid reference format'],
    ['dock..er/docker', 'invalid reference format'],
    ['dock_.er/docker', 'invalid reference format'],
    ['-docker/docker', 'invalid reference format'],
    ['docker/', 'invalid reference format'],
    ['____/____', 'invalid reference format'],
    ['https://github.com/docker/docker', 'invalid reference format'],
    // Docker 20.10 has no IPv6 literals in references.
    ['[fc00::1]:5000/repo', 'invalid reference format'],
    ['[::1]/repo', 'invalid reference format'],
    ['Uppercase:tag', 'invalid reference format: repository name must be lowercase'],
    ['test:5000/Uppercase/lowercase:tag', 'invalid reference format: repository name must be lowercase'],
    ['a/'.repeat(128) + 'a:tag', 'repository name must not be more than 255 characters'],
    ['repo@sha256:' + 'f'.repeat(34), 'invalid checksum digest length'],
    ['validname@invaliddigest:' + 'f'.repeat(64), 'unsupported digest algorithm'],
    ['validname@SHA256:' + 'f'.repeat(64), 'invalid checksum digest format'],
    ['x@sha256:' + 'A'.repeat(64), 'invalid checksum digest format'],
    ['x@sha512:' + 'f'.repeat(128), 'unsupported digest algorithm: sha512'],
    ['x@sha256:' + 'f'.repeat(64) + '@y', 'invalid reference format'],
  ];
  for (const [input, message] of bad) throwsWith(() => parse(input), message);
});

test('the name limit counts the name only, not tag or digest', () => {
  const name = 'a'.repeat(255);
  assert.equal(parse(`${name}:${'t'.repeat(128)}@${FF64}`).path, name);
  throwsWith(() => parse('a'.repeat(256)), 'repository name must not be more than 255 characters');
});

test('hostile input is parsed in linear time', () => {
  const t0 = performance.now();
  for (const s of ['a'.repeat(200_000) + '!', 'a-'.repeat(100_000) + '!', 'a.'.repeat(100_000), 'a/'.repeat(100_000) + '@']) {
    assert.throws(() => parse(s));
  }
  assert.ok(performance.now() - t0 < 1000, 'took too long');
});

test('splitName, tags and digests', () => {
  assert.deepEqual(splitName('test_com/foo'), { domain: '', path: 'test_com/foo' });
  assert.deepEqual(splitName('test-com:8080/foo'), { domain: 'test-com:8080', path: 'foo' });
  assert.equal(splitName('foo:bar'), null);
  assert.ok(isTag('latest') && isTag('_x') && isTag('1.0-rc_1') && isTag('A'.repeat(128)));
  assert.ok(!isTag('') && !isTag('.x') && !isTag('-x') && !isTag('a:b') && !isTag('A'.repeat(129)));
  throwsWith(() => validateTag('-foo'), 'invalid tag format');
  assert.equal(parseReferenceDigest(FF64), FF64);
  throwsWith(() => parseReferenceDigest('foo'), 'invalid checksum digest format');
  throwsWith(() => parseReferenceDigest('sha256:'), 'invalid checksum digest format');
});
