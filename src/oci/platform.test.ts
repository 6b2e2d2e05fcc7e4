import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  currentPlatform,
  formatPlatform,
  goArch,
  normalizePlatform,
  parsePlatform,
  platformMatcher,
  selectPlatformManifests,
} from './platform.js';
import type { Platform } from './types.js';
import { isBerthError } from '../errors.js';

const p = (s: string): Platform => {
  const [os, architecture, variant] = s.split('/');
  return variant ? { os, architecture, variant } : { os, architecture };
};

test('node arch names map to Go names', () => {
  assert.equal(goArch('x64'), 'amd64');
  assert.equal(goArch('ia32'), '386');
  assert.equal(goArch('arm64'), 'arm64');
  assert.equal(goArch('mipsel'), 'mipsle');
  assert.match(goArch('ppc64'), /^ppc64(le)?$/);
  const here = currentPlatform();
  assert.equal(here.os, 'linux');
  assert.equal(here.architecture, goArch(process.arch));
  if (here.architecture === 'arm64') assert.equal(here.variant, 'v8');
});

test('parsePlatform follows containerd platforms.Parse', () => {
  const here = currentPlatform();
  const cases: [string, Platform][] = [
    ['linux/amd64', p('linux/amd64')],
    ['Linux/x86_64', p('linux/amd64')],
    ['linux/aarch64', p('linux/arm64')],
    ['linux/arm64/v8', p('linux/arm64/v8')],
    ['linux/arm64/8', p('linux/arm64/v8')],
    ['linux/arm', p('linux/arm')],
    ['linux/armhf', p('linux/arm')],
    ['linux/armel', p('linux/arm/v6')],
    ['linux/arm/7', p('linux/arm/v7')],
    ['linux/arm/v5', p('linux/arm/v5')],
    ['linux/i386', p('linux/386')],
    ['linux/amd64/v3', p('linux/amd64/v3')],
    ['linux/amd64/v1', p('linux/amd64')],
    ['macos/arm64', p('darwin/arm64')],
    ['windows/amd64', p('windows/amd64')],
    ['linux/s390x', p('linux/s390x')],
    ['amd64', { os: here.os, architecture: 'amd64' }],
    ['aarch64', { os: here.os, architecture: 'arm64' }],
    ['armhf', { os: here.os, architecture: 'arm' }],
  ];
  for (const [s, want] of cases) assert.deepEqual(parsePlatform(s), want, s);
  assert.equal(parsePlatform('linux').os, 'linux');
  assert.equal(parsePlatform('linux').architecture, here.architecture);
  const bad: [string, string][] = [
    ['linux/*', '"linux/*": wildcards not yet supported: invalid argument'],
    ['linux/amd64/v2/x', '"linux/amd64/v2/x": cannot parse platform specifier: invalid argument'],
    ['nope', '"nope": unknown operating system or architecture: invalid argument'],
    ['linux//amd64', '"" is an invalid component of "linux//amd64": platform specifier component must match "^[A-Za-z0-9_-]+$": invalid argument'],
  ];
  for (const [s, message] of bad) {
    assert.throws(() => parsePlatform(s), (e: unknown) => isBerthError(e, 'INVALID_ARGUMENT') && e.message === message, s);
  }
});

test('normalise and format', () => {
  assert.deepEqual(normalizePlatform(p('linux/arm64/v8')), p('linux/arm64'));
  assert.deepEqual(normalizePlatform(p('linux/arm')), p('linux/arm/v7'));
  assert.deepEqual(normalizePlatform({ os: 'Linux', architecture: 'x86_64', 'os.version': '1' }), {
    os: 'linux',
    architecture: 'amd64',
    'os.version': '1',
  });
  assert.equal(formatPlatform(p('linux/arm64/v8')), 'linux/arm64/v8');
  assert.equal(formatPlatform({ os: 'linux', architecture: 'amd64', variant: '' }), 'linux/amd64');
});

test('matching follows containerd platforms.Only', () => {
  const yes: [string, string[]][] = [
    ['linux/amd64', ['linux/amd64', 'linux/x86_64', 'linux/amd64/v1', 'linux/386']],
    ['linux/amd64/v3', ['linux/amd64/v3', 'linux/amd64/v2', 'linux/amd64', 'linux/386']],
    ['linux/arm64', ['linux/arm64', 'linux/arm64/v8', 'linux/aarch64', 'linux/arm/v8', 'linux/arm/v7', 'linux/arm', 'linux/arm/v6', 'linux/arm/v5']],
    ['linux/arm64/v8', ['linux/arm64']],
    ['linux/arm/v7', ['linux/arm', 'linux/arm/v6', 'linux/arm/v5']],
    ['linux/arm/v6', ['linux/arm/v5', 'linux/armel']],
  ];
  const no: [string, string[]][] = [
    ['linux/amd64', ['linux/amd64/v2', 'linux/arm64', 'windows/amd64', 'linux/arm']],
    ['linux/arm64', ['linux/amd64', 'linux/arm64/v9', 'darwin/arm64']],
    ['linux/arm/v7', ['linux/arm/v8', 'linux/arm64']],
    ['linux/arm/v6', ['linux/arm/v7', 'linux/arm']],
    ['linux/386', ['linux/amd64']],
  ];
  for (const [want, list] of yes) for (const got of list) assert.ok(platformMatcher(p(want)).match(p(got)), `${want} runs ${got}`);
  for (const [want, list] of no) for (const got of list) assert.ok(!platformMatcher(p(want)).match(p(got)), `${want} runs not ${got}`);
});

test('selectPlatformManifests: best first, ties in index order, no platform skipped', () => {
  const list = [
    { digest: 'a', platform: p('linux/arm/v6') },
    { digest: 'b', platform: p('linux/amd64') },
    { digest: 'c' },
    { digest: 'd', platform: p('linux/arm64/v8') },
    { digest: 'e', platform: p('linux/arm/v7') },
    { digest: 'f', platform: p('linux/arm64') },
    { digest: 'g', platform: { os: 'unknown', architecture: 'unknown' } },
  ];
  const pick = (s: string) => selectPlatformManifests(list, p(s)).map((d) => d.digest);
  assert.deepEqual(pick('linux/arm64'), ['d', 'f', 'e', 'a']);
  assert.deepEqual(pick('linux/amd64'), ['b']);
  assert.deepEqual(pick('linux/arm/v7'), ['e', 'a']);
  assert.deepEqual(pick('linux/s390x'), []);
  assert.deepEqual(
    selectPlatformManifests(list).map((d) => d.digest)[0],
    list.find((d) => d.platform && platformMatcher(currentPlatform()).rank(d.platform) === 0)?.digest,
  );
});
