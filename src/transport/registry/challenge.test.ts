import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChallenge, parseChallenges } from './challenge.js';

test('Bearer challenges as Distribution and Docker Hub send them', () => {
  assert.deepEqual(
    parseChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull"'),
    { scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/busybox:pull' } },
  );
  assert.deepEqual(parseChallenge('Bearer realm="r",error="insufficient_scope", scope="a:b:c d:e:f"'), {
    scheme: 'bearer',
    params: { realm: 'r', error: 'insufficient_scope', scope: 'a:b:c d:e:f' },
  });
});

test('Basic, token values, escapes, case', () => {
  assert.deepEqual(parseChallenge('Basic realm="basic-realm"'), { scheme: 'basic', params: { realm: 'basic-realm' } });
  assert.deepEqual(parseChallenge('BASIC Realm=plain'), { scheme: 'basic', params: { realm: 'plain' } });
  assert.deepEqual(parseChallenge('Bearer realm="a\\"b"'), { scheme: 'bearer', params: { realm: 'a"b' } });
  assert.deepEqual(parseChallenge('Bearer'), { scheme: 'bearer', params: {} });
});

test('malformed values are dropped, several headers are all read', () => {
  assert.equal(parseChallenge(''), null);
  assert.equal(parseChallenge('Bearer realm="unterminated'), null);
  assert.equal(parseChallenge('Bearer realm'), null);
  assert.deepEqual(
    parseChallenges(['Basic realm="x"', 'garbage "', 'Bearer realm="y"']).map((c) => c.scheme),
    ['basic', 'bearer'],
  );
  assert.deepEqual(parseChallenges(undefined), []);
});
