import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_CAPABILITIES, containerCapabilities } from './capabilities.js';
import { DEFAULT_CAPABILITIES } from './spec.js';

test('--cap-add and --cap-drop on Docker\'s defaults, as its TweakCapabilities does', () => {
  assert.deepEqual(containerCapabilities(), DEFAULT_CAPABILITIES);
  assert.deepEqual(containerCapabilities(['net_admin'], ['ALL']), ['CAP_NET_ADMIN']);
  assert.deepEqual(containerCapabilities(['ALL'], ['cap_chown']), ALL_CAPABILITIES.filter((c) => c !== 'CAP_CHOWN'));
  const tweaked = containerCapabilities(['SYS_PTRACE', 'CHOWN'], ['chown', 'KILL']);
  assert.deepEqual(tweaked, [...DEFAULT_CAPABILITIES.filter((c) => c !== 'CAP_CHOWN' && c !== 'CAP_KILL'), 'CAP_SYS_PTRACE', 'CAP_CHOWN']);
  assert.throws(() => containerCapabilities(['foo']), { message: 'invalid CapAdd: unknown capability: "CAP_FOO"' });
  assert.throws(() => containerCapabilities([], ['CAP_BOGUS']), { message: 'invalid CapDrop: unknown capability: "CAP_BOGUS"' });
});
