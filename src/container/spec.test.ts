import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSpec, processEnv, DEFAULT_CAPABILITIES, type SpecInput, type OciMount } from './spec.js';

const overlay: OciMount = { destination: '/', type: 'overlay', source: 'overlay', options: ['lowerdir=/l', 'upperdir=/u', 'workdir=/w'] };
const files: OciMount[] = ['resolv.conf', 'hostname', 'hosts'].map((n) => ({
  destination: `/etc/${n}`,
  type: 'bind',
  source: `/c/${n}`,
  options: ['rbind', 'rprivate'],
}));

function input(over: Partial<SpecInput> = {}): SpecInput {
  return {
    args: ['sh'],
    env: ['PATH=/bin'],
    cwd: '/',
    user: { uid: 0, gid: 0, additionalGids: [0] },
    tty: false,
    hostname: 'abc123',
    rootfs: { mount: overlay },
    readonlyRootfs: false,
    mounts: [],
    files,
    network: 'private',
    cgroupsPath: 'berth/x',
    ...over,
  };
}

const dests = (spec: Record<string, any>) => (spec.mounts as OciMount[]).map((m) => m.destination);

test('the default spec has Docker\'s mounts in order, capabilities, namespaces, masked paths and no rlimits', () => {
  const spec = buildSpec(input()) as Record<string, any>;
  assert.deepEqual(dests(spec), [
    '/',
    '/proc',
    '/dev',
    '/dev/pts',
    '/sys',
    '/sys/fs/cgroup',
    '/dev/mqueue',
    '/dev/shm',
    '/etc/resolv.conf',
    '/etc/hostname',
    '/etc/hosts',
  ]);
  assert.deepEqual(spec.process.capabilities.bounding, DEFAULT_CAPABILITIES);
  assert.equal(spec.process.capabilities.bounding.length, 14);
  assert.equal(spec.process.rlimits, undefined);
  assert.equal(spec.process.noNewPrivileges, undefined);
  assert.deepEqual(
    spec.linux.namespaces.map((n: { type: string }) => n.type),
    ['mount', 'network', 'uts', 'pid', 'ipc'],
  );
  assert.ok(spec.linux.maskedPaths.includes('/proc/kcore'));
  assert.ok(spec.linux.readonlyPaths.includes('/proc/sys'));
  assert.equal(spec.hostname, 'abc123');
  assert.deepEqual(spec.root, { path: 'rootfs', readonly: false });
  assert.equal(spec.linux.cgroupsPath, 'berth/x');
});

test('host networking drops the network namespace and the sysctls that need one', () => {
  const spec = buildSpec(input({ network: 'host' })) as Record<string, any>;
  assert.deepEqual(
    spec.linux.namespaces.map((n: { type: string }) => n.type),
    ['mount', 'uts', 'pid', 'ipc'],
  );
  assert.deepEqual(spec.linux.sysctl, {});
});

test('another container\'s namespaces are entered by path; its network gets none of the sysctls that would change it', () => {
  const spec = buildSpec(input({ joinNamespaces: { network: '/proc/42/ns/net', pid: '/proc/42/ns/pid' } })) as Record<string, any>;
  assert.deepEqual(spec.linux.namespaces, [
    { type: 'mount' },
    { type: 'network', path: '/proc/42/ns/net' },
    { type: 'uts' },
    { type: 'pid', path: '/proc/42/ns/pid' },
    { type: 'ipc' },
  ]);
  assert.deepEqual(spec.linux.sysctl, {});
});

test('user mounts come after the base mounts and replace one at the same place; /etc files come last', () => {
  const user: OciMount[] = [
    { destination: '/data', type: 'bind', source: '/srv', options: ['rbind', 'rprivate', 'ro'] },
    { destination: '/dev/shm', type: 'tmpfs', source: 'tmpfs', options: ['size=1m'] },
  ];
  const spec = buildSpec(input({ mounts: user })) as Record<string, any>;
  const d = dests(spec);
  assert.equal(d.filter((x) => x === '/dev/shm').length, 1);
  assert.ok(d.indexOf('/data') > d.indexOf('/dev/mqueue'));
  assert.ok(d.indexOf('/data') < d.indexOf('/etc/resolv.conf'));
});

test('a read-only root makes the non-user mounts read-only too, except /proc and the /dev ones', () => {
  const user: OciMount[] = [{ destination: '/data', type: 'bind', source: '/srv', options: ['rbind', 'rprivate'] }];
  const spec = buildSpec(input({ readonlyRootfs: true, mounts: user })) as Record<string, any>;
  const byDest = new Map((spec.mounts as OciMount[]).map((m) => [m.destination, m.options]));
  assert.equal(spec.root.readonly, true);
  assert.ok(byDest.get('/etc/hosts')!.includes('ro'));
  assert.ok(!byDest.get('/data')!.includes('ro'));
  assert.ok(!byDest.get('/proc')!.includes('ro'));
  assert.ok(!byDest.get('/dev/shm')!.includes('ro'));
  assert.equal(files[2].options.includes('ro'), false, 'the input is not modified');
});

test('a prepared rootfs directory is used as root.path with no mount at /', () => {
  const spec = buildSpec(input({ rootfs: { path: '/var/lib/x/rootfs' } })) as Record<string, any>;
  assert.equal(spec.root.path, '/var/lib/x/rootfs');
  assert.ok(!dests(spec).includes('/'));
});

test('processEnv puts PATH and HOSTNAME first, TERM with a tty, and lets the container replace them in place', () => {
  assert.deepEqual(processEnv(['FOO=bar'], 'h', false), [
    'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    'HOSTNAME=h',
    'FOO=bar',
  ]);
  assert.deepEqual(processEnv(['PATH=/opt/bin', 'TERM=vt100'], 'h', true), ['PATH=/opt/bin', 'HOSTNAME=h', 'TERM=vt100']);
});

test('--privileged: the host devices, every device allowed, no masked or read-only paths, /sys writable', () => {
  const devices = [{ path: '/dev/vda', type: 'b', major: 254, minor: 0, fileMode: 0o660, uid: 0, gid: 6 }];
  const spec = buildSpec(input({ privileged: { devices } })) as Record<string, any>;
  assert.deepEqual(spec.linux.devices, devices);
  assert.deepEqual(spec.linux.resources.devices, [{ allow: true, access: 'rwm' }]);
  assert.equal(spec.linux.maskedPaths, undefined);
  assert.equal(spec.linux.readonlyPaths, undefined);
  const sys = (spec.mounts as OciMount[]).filter((m) => m.destination === '/sys' || m.destination === '/sys/fs/cgroup');
  assert.equal(sys.length, 2);
  for (const m of sys) assert.ok(!m.options.includes('ro'), m.destination);
});

test('limits, sysctls, host namespaces, /dev/shm size and ulimits', () => {
  const spec = buildSpec(input({ memory: 64 << 20, nanoCpus: 5e8, sysctls: { 'kernel.shmmax': '1' }, hostNamespaces: ['pid', 'uts'], shmSize: 1 << 27, ulimits: [{ Name: 'nofile', Hard: 1024, Soft: 512 }] })) as Record<string, any>;
  assert.deepEqual(spec.linux.resources.memory, { limit: 64 << 20, swap: 128 << 20 });
  assert.deepEqual(spec.linux.resources.cpu, { period: 100000, quota: 50000 });
  assert.equal(spec.linux.sysctl['kernel.shmmax'], '1');
  assert.deepEqual(spec.linux.namespaces.map((n: { type: string }) => n.type), ['mount', 'network', 'ipc']);
  assert.equal(spec.hostname, undefined, 'no hostname in the host UTS namespace');
  assert.ok((spec.mounts as OciMount[]).find((m) => m.destination === '/dev/shm')!.options.includes(`size=${1 << 27}`));
  assert.deepEqual(spec.process.rlimits, [{ type: 'RLIMIT_NOFILE', hard: 1024, soft: 512 }]);
});

test('a seccomp config goes to linux.seccomp as given; none, none there', () => {
  assert.equal((buildSpec(input()) as Record<string, any>).linux.seccomp, undefined);
  const seccomp = { defaultAction: 'SCMP_ACT_ALLOW', syscalls: [{ names: ['mkdir'], action: 'SCMP_ACT_ERRNO' }] };
  assert.deepEqual((buildSpec(input({ seccomp })) as Record<string, any>).linux.seccomp, seccomp);
});
