// The classic builder's config comparison for cache hits (moby image/cache compare()).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sameRunConfig } from './cache.js';

const base = { Cmd: ['/bin/sh', '-c', '#(nop) ', 'ENV A=1'], Env: ['PATH=/bin', 'A=1'], Labels: { k: 'v' }, Volumes: { '/d': {} } };

test('equal configs hit; Hostname and Image are not compared', () => {
  assert.ok(sameRunConfig(base, { ...base, Hostname: 'abc', Image: 'sha256:x' }));
});

test('a different Cmd, Env, label, volume or user misses', () => {
  assert.ok(!sameRunConfig(base, { ...base, Cmd: ['/bin/sh', '-c', '#(nop) ', 'ENV A=2'] }));
  assert.ok(!sameRunConfig(base, { ...base, Env: ['PATH=/bin'] }));
  assert.ok(!sameRunConfig(base, { ...base, Labels: { k: 'w' } }));
  assert.ok(!sameRunConfig(base, { ...base, Volumes: { '/e': {} } }));
  assert.ok(!sameRunConfig(base, { ...base, User: 'nobody' }));
  assert.ok(!sameRunConfig(base, { ...base, OpenStdin: true }));
});
