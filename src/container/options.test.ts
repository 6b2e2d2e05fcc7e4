import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEnvFile, parseEnvFlag, parseMountFlag, parseTmpfsFlag, parseVolumeFlag } from './options.js';

test('-v: binds, named and anonymous volumes, modes', () => {
  assert.deepEqual(parseVolumeFlag('/srv/x/:/data:ro'), {
    type: 'bind',
    source: '/srv/x',
    target: '/data',
    readOnly: true,
    propagation: undefined,
    mode: 'ro',
    fromFlag: '-v',
  });
  assert.deepEqual(parseVolumeFlag('cache:/c'), { type: 'volume', name: 'cache', target: '/c', readOnly: false, noCopy: false, mode: '', fromFlag: '-v' });
  assert.equal((parseVolumeFlag('/anon') as { name: string }).name, '');
  assert.equal((parseVolumeFlag('/a:/b:rshared') as { propagation?: string }).propagation, 'rshared');
});

test('-v errors use Docker\'s wording', () => {
  assert.throws(
    () => parseVolumeFlag('/tmp:x'),
    { message: `invalid volume specification: '/tmp:x': invalid mount config for type "bind": invalid mount path: 'x' mount path must be absolute` },
  );
  assert.throws(() => parseVolumeFlag('a:b:c:d'), { message: `invalid volume specification: 'a:b:c:d'` });
  assert.throws(() => parseVolumeFlag('/a:/b:bogus'), /invalid mode: bogus/);
});

test('--mount: key=value fields, readonly with or without a value, tmpfs options', () => {
  assert.deepEqual(parseMountFlag('type=bind,src=/a,dst=/b,readonly'), {
    type: 'bind',
    source: '/a',
    target: '/b',
    readOnly: true,
    propagation: undefined,
    mode: '',
    fromFlag: '--mount',
  });
  assert.equal((parseMountFlag('type=volume,source=v,target=/v,ro=false') as { readOnly: boolean }).readOnly, false);
  assert.deepEqual(parseMountFlag('type=tmpfs,target=/t,tmpfs-size=1m'), { type: 'tmpfs', target: '/t', options: ['size=1m'], fromFlag: '--mount' });
  assert.throws(() => parseMountFlag('type=bind,target=/b'), /field Source must not be empty/);
  assert.throws(() => parseMountFlag('type=nfs,target=/b'), /mount type unknown: "nfs"/);
  assert.throws(() => parseMountFlag('type=bind,source=/a'), /field Target must not be empty/);
});

test('--tmpfs takes a path and options', () => {
  assert.deepEqual(parseTmpfsFlag('/run:size=64m,mode=1777'), { type: 'tmpfs', target: '/run', options: ['size=64m', 'mode=1777'], fromFlag: '--tmpfs' });
  assert.throws(() => parseTmpfsFlag('run'), /mount path must be absolute/);
});

test('-e and --env-file: NAME alone comes from the host or is dropped; comments and blank lines skipped', () => {
  const host = (n: string) => (n === 'HOSTVAR' ? 'fromhost' : undefined);
  assert.equal(parseEnvFlag('A=1=2', host), 'A=1=2');
  assert.equal(parseEnvFlag('HOSTVAR', host), 'HOSTVAR=fromhost');
  assert.equal(parseEnvFlag('UNSET', host), null);
  assert.deepEqual(parseEnvFile('# comment\n\n  A=b c\nHOSTVAR\nUNSET\n', host), ['A=b c', 'HOSTVAR=fromhost']);
  assert.throws(() => parseEnvFile('BAD NAME=1\n', host), /poorly formatted environment: variable 'BAD NAME' contains whitespaces/);
});
