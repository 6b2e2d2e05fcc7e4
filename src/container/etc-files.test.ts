import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostsFile, resolvConf } from './etc-files.js';
import { resolveUser } from './user.js';

test('hosts: Docker\'s fixed lines in a private network namespace, the host\'s file with host networking', () => {
  assert.equal(hostsFile('private', 'x'), '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n');
  assert.equal(hostsFile('host', '1.2.3.4 h\n'), '1.2.3.4 h\n');
});

test('resolv.conf drops loopback resolvers outside the host network, falling back to public ones', () => {
  assert.equal(resolvConf('private', 'nameserver 10.0.0.1\nsearch x\n'), 'nameserver 10.0.0.1\nsearch x\n');
  assert.equal(
    resolvConf('private', 'nameserver 127.0.0.53\noptions edns0\n'),
    'options edns0\nnameserver 8.8.8.8\nnameserver 8.8.4.4\nnameserver 2001:4860:4860::8888\nnameserver 2001:4860:4860::8844\n',
  );
  assert.equal(resolvConf('host', 'nameserver 127.0.0.53\n'), 'nameserver 127.0.0.53\n');
});

test('resolveUser reads names and numbers from the container\'s passwd and group files', () => {
  const passwd = 'root:x:0:0:root:/root:/bin/sh\nwww:x:33:33::/var/www:/bin/false\n';
  const group = 'root:x:0:\nwww:x:33:\nextra:x:50:www\n';
  assert.deepEqual(resolveUser('', passwd, group), { uid: 0, gid: 0, additionalGids: [0], home: '/root' });
  assert.deepEqual(resolveUser('www', passwd, group), { uid: 33, gid: 33, additionalGids: [33, 50], home: '/var/www' });
  assert.deepEqual(resolveUser('1000:50', passwd, group), { uid: 1000, gid: 50, additionalGids: [50], home: '/' });
  assert.deepEqual(resolveUser('www:root', passwd, group).gid, 0);
  assert.throws(() => resolveUser('nobody', passwd, group), { message: 'unable to find user nobody: no matching entries in passwd file' });
  assert.throws(() => resolveUser('www:nogroup', passwd, group), /unable to find group nogroup/);
});

test('--add-host lines follow the defaults; --dns makes a file of its own with the host\'s search and options', () => {
  assert.match(hostsFile('private', '', ['db:10.0.0.5', 'v6:fe80::1']), /\n10\.0\.0\.5\tdb\nfe80::1\tv6\n$/);
  assert.equal(hostsFile('host', '127.0.0.1 localhost', ['db:10.0.0.5']), '127.0.0.1 localhost\n10.0.0.5\tdb\n');
  const host = '# comment\nnameserver 127.0.0.53\nsearch example.org\noptions edns0 trust-ad\n';
  assert.equal(resolvConf('private', host, ['9.9.9.9', '1.1.1.1']), 'nameserver 9.9.9.9\nnameserver 1.1.1.1\nsearch example.org\noptions edns0 trust-ad\n');
});
