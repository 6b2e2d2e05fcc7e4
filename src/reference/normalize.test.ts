import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNormalizedNamed, parseDockerRef, parseAnyReference, tagNameOnly } from './normalize.js';
import { Reference } from './reference.js';
import { splitDockerDomain } from './domain.js';
import { isBerthError } from '../errors.js';

const HEX = '1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a';
const D = 'sha256:e6693c20186f837fc393390135d8a598a96a833917917789d63766cab6c59582';

function throwsWith(fn: () => unknown, message: string) {
  assert.throws(fn, (e: unknown) => isBerthError(e, 'INVALID_ARGUMENT') && e.message === message);
}

test('valid names normalise', () => {
  for (const name of [
    'docker/docker', 'library/debian', 'debian', 'docker.io/docker/docker', 'docker.io/library/debian',
    'docker.io/debian', 'index.docker.io/docker/docker', 'index.docker.io/library/debian', 'index.docker.io/debian',
    '127.0.0.1:5000/docker/docker', '127.0.0.1:5000/library/debian', '127.0.0.1:5000/debian',
    'thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev', `docker.io/${HEX}`,
    'docker-rules/docker', 'docker---rules/docker', 'doc/docker', 'd/docker', 'jess/t', 'dock__er/docker',
  ]) {
    assert.doesNotThrow(() => parseNormalizedNamed(name), name);
  }
});

test('invalid names are refused with Docker 20.10 messages', () => {
  const FMT = 'invalid reference format';
  const UPPER = 'invalid reference format: repository name must be lowercase';
  const cases: [string, string][] = [
    ['https://github.com/docker/docker', FMT],
    ['docker/Docker', UPPER],
    ['-docker', FMT],
    ['-docker/docker', FMT],
    ['-docker.io/docker/docker', FMT],
    ['docker///docker', FMT],
    ['docker.io/docker/Docker', UPPER],
    ['docker.io/docker///docker', FMT],
    [HEX, `invalid repository name (${HEX}), cannot specify 64-byte hexadecimal strings`],
    ['docker-/docker', FMT],
    ['-docker-/docker', FMT],
    ['____/____', FMT],
    ['_docker/_docker', FMT],
    ['dock..er/docker', FMT],
    ['dock_.er/docker', FMT],
    ['dock-.er/docker', FMT],
    ['docker/', FMT],
    ['', FMT],
    ['a:b:c', FMT],
    ['[::1]:5000/foo', FMT],
    // Docker 20.10 does not take an uppercase first component as a domain.
    ['Docker/docker', UPPER],
    ['FOO/bar:1', UPPER],
    ['UPPER', UPPER],
    ['LOCALHOST/foo', UPPER],
    ['localhost:5000/Foo', UPPER],
    ['foo@sha256:ABCD', FMT],
    ['foo@sha256:' + 'A'.repeat(64), 'invalid checksum digest format'],
    ['x@md5:d41d8cd98f00b204e9800998ecf8427e', 'unsupported digest algorithm'],
    ['x@sha256:d41d8cd98f00b204e9800998ecf8427e', 'invalid checksum digest length'],
    ['a'.repeat(246), 'repository name must not be more than 255 characters'],
    ['foo_bar.com/x', FMT],
    [
      Array(4).fill('this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255').join('_') + '/docker',
      'repository name must not be more than 255 characters',
    ],
  ];
  for (const [input, message] of cases) throwsWith(() => parseNormalizedNamed(input), message);
  assert.equal(parseNormalizedNamed('localhost/' + 'a'.repeat(245)).name.length, 255);
});

test('repository info: familiar, full, domain and path agree for every spelling', () => {
  const cases: { path: string; familiar: string; full: string; ambiguous?: string; domain: string }[] = [
    { path: 'fooo/bar', familiar: 'fooo/bar', full: 'docker.io/fooo/bar', ambiguous: 'index.docker.io/fooo/bar', domain: 'docker.io' },
    { path: 'library/ubuntu', familiar: 'ubuntu', full: 'docker.io/library/ubuntu', ambiguous: 'library/ubuntu', domain: 'docker.io' },
    { path: 'nonlibrary/ubuntu', familiar: 'nonlibrary/ubuntu', full: 'docker.io/nonlibrary/ubuntu', domain: 'docker.io' },
    { path: 'other/library', familiar: 'other/library', full: 'docker.io/other/library', domain: 'docker.io' },
    { path: 'private/moonbase', familiar: '127.0.0.1:8000/private/moonbase', full: '127.0.0.1:8000/private/moonbase', domain: '127.0.0.1:8000' },
    { path: 'privatebase', familiar: '127.0.0.1:8000/privatebase', full: '127.0.0.1:8000/privatebase', domain: '127.0.0.1:8000' },
    { path: 'private/moonbase', familiar: 'example.com/private/moonbase', full: 'example.com/private/moonbase', domain: 'example.com' },
    { path: 'privatebase', familiar: 'example.com/privatebase', full: 'example.com/privatebase', domain: 'example.com' },
    { path: 'private/moonbase', familiar: 'example.com:8000/private/moonbase', full: 'example.com:8000/private/moonbase', domain: 'example.com:8000' },
    { path: 'privatebasee', familiar: 'example.com:8000/privatebasee', full: 'example.com:8000/privatebasee', domain: 'example.com:8000' },
    { path: 'library/ubuntu-12.04-base', familiar: 'ubuntu-12.04-base', full: 'docker.io/library/ubuntu-12.04-base', ambiguous: 'index.docker.io/library/ubuntu-12.04-base', domain: 'docker.io' },
    { path: 'library/foo', familiar: 'foo', full: 'docker.io/library/foo', ambiguous: 'docker.io/foo', domain: 'docker.io' },
    { path: 'library/foo/bar', familiar: 'library/foo/bar', full: 'docker.io/library/foo/bar', domain: 'docker.io' },
    { path: 'store/foo/bar', familiar: 'store/foo/bar', full: 'docker.io/store/foo/bar', domain: 'docker.io' },
    { path: 'foo', familiar: 'localhost/foo', full: 'localhost/foo', domain: 'localhost' },
    { path: 'foo', familiar: 'localhost:5000/foo', full: 'localhost:5000/foo', domain: 'localhost:5000' },
    { path: 'foo', familiar: 'Registry.Example.COM/foo', full: 'Registry.Example.COM/foo', domain: 'Registry.Example.COM' },
  ];
  for (const c of cases) {
    for (const s of [c.familiar, c.full, ...(c.ambiguous ? [c.ambiguous] : [])]) {
      const r = parseNormalizedNamed(s);
      assert.equal(r.familiarName, c.familiar, s);
      assert.equal(r.toString(), c.full, s);
      assert.equal(r.name, c.full, s);
      assert.equal(r.domain, c.domain, s);
      assert.equal(r.path, c.path, s);
    }
  }
});

test('normalised split of domain and path', () => {
  const cases: [string, string, string][] = [
    ['test.com/foo', 'test.com', 'foo'],
    ['test_com/foo', 'docker.io', 'test_com/foo'],
    ['docker/migrator', 'docker.io', 'docker/migrator'],
    ['test.com:8080/foo', 'test.com:8080', 'foo'],
    ['test-com:8080/foo', 'test-com:8080', 'foo'],
    ['foo', 'docker.io', 'library/foo'],
    ['xn--n3h.com/foo', 'xn--n3h.com', 'foo'],
    ['xn--n3h.com:18080/foo', 'xn--n3h.com:18080', 'foo'],
    ['docker.io/foo', 'docker.io', 'library/foo'],
    ['docker.io/library/foo', 'docker.io', 'library/foo'],
    ['docker.io/library/foo/bar', 'docker.io', 'library/foo/bar'],
  ];
  for (const [input, domain, path] of cases) {
    const r = parseNormalizedNamed(input);
    assert.deepEqual([r.domain, r.path], [domain, path], input);
  }
  assert.deepEqual(splitDockerDomain('index.docker.io/foo'), { domain: 'docker.io', remainder: 'library/foo' });
});

test('tag and digest together; familiar string', () => {
  const short = 'busybox:latest@sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa';
  const r = parseNormalizedNamed(short);
  assert.equal(r.toString(), `docker.io/library/${short}`);
  assert.equal(r.familiar(), short);
  assert.equal(r.tag, 'latest');
  assert.equal(r.digest, 'sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa');
});

test('parseDockerRef adds :latest and drops a tag beside a digest', () => {
  const cases: [string, string][] = [
    ['busybox', 'docker.io/library/busybox:latest'],
    ['busybox:latest', 'docker.io/library/busybox:latest'],
    [`busybox@${D}`, `docker.io/library/busybox@${D}`],
    ['library/busybox', 'docker.io/library/busybox:latest'],
    ['docker.io/busybox', 'docker.io/library/busybox:latest'],
    ['docker.io/library/busybox', 'docker.io/library/busybox:latest'],
    ['docker.io/busybox:latest', 'docker.io/library/busybox:latest'],
    ['library/busybox:latest', 'docker.io/library/busybox:latest'],
    ['docker.io/library/busybox:latest', 'docker.io/library/busybox:latest'],
    ['gcr.io/library/busybox', 'gcr.io/library/busybox:latest'],
    [`gcr.io/library/busybox:latest@${D}`, `gcr.io/library/busybox@${D}`],
  ];
  for (const [input, want] of cases) assert.equal(parseDockerRef(input).toString(), want, input);
});

test('tagNameOnly leaves tagged and digested references alone', () => {
  assert.equal(tagNameOnly(parseNormalizedNamed('redis')).familiar(), 'redis:latest');
  assert.equal(tagNameOnly(parseNormalizedNamed('redis:7')).familiar(), 'redis:7');
  assert.equal(tagNameOnly(parseNormalizedNamed(`redis@${D}`)).familiar(), `redis@${D}`);
});

test('parseAnyReference: IDs and digests, else names', () => {
  const d = 'sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c';
  assert.equal(parseAnyReference(d.slice(7)), d);
  assert.equal(parseAnyReference(d), d);
  const r = parseAnyReference(d.slice(7, -1));
  assert.ok(r instanceof Reference);
  assert.equal(r.toString(), `docker.io/library/${d.slice(7, -1)}`);
  assert.equal(String(parseAnyReference(`dmcgowan/myapp@${d}`)), `docker.io/dmcgowan/myapp@${d}`);
  assert.equal(String(parseAnyReference('redis:latest')), 'docker.io/library/redis:latest');
});

test('Reference refuses non-canonical or invalid parts', () => {
  throwsWith(() => new Reference({ domain: 'docker.io', path: 'foo' }), 'repository name must be canonical');
  throwsWith(() => new Reference({ domain: 'index.docker.io', path: 'x/y' }), 'repository name must be canonical');
  throwsWith(() => new Reference({ domain: 'foo', path: 'bar' }), 'repository name must be canonical');
  throwsWith(() => new Reference({ domain: '', path: 'foo' }), 'repository name must be canonical');
  throwsWith(() => new Reference({ domain: 'docker.io', path: 'library/x', tag: 'a:b' }), 'invalid reference format');
  throwsWith(() => new Reference({ domain: 'docker.io/library', path: 'x' }), 'invalid reference format');
  const r = parseNormalizedNamed('localhost:5000/app');
  assert.equal(r.withTag('v1').toString(), 'localhost:5000/app:v1');
  throwsWith(() => r.withTag('-bad'), 'invalid tag format');
  assert.equal(r.withTag('v1').withDigest(D).trimmed().toString(), 'localhost:5000/app');
  assert.equal(r.withDigest(D).withTag('v2').toString(), `localhost:5000/app:v2@${D}`);
  assert.ok(r.equals({ domain: 'localhost:5000', path: 'app' }));
  assert.ok(r.isNameOnly() && !r.withTag('x').isNameOnly());
});
