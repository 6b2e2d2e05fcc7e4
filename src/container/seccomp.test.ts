import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kernelAtLeast, seccompFromProfile, type SeccompHost } from './seccomp.js';

const amd64: SeccompHost = { arch: 'amd64', kernel: '6.1.0-18-amd64' };
const caps = ['CAP_CHOWN', 'CAP_SYS_CHROOT'];
const make = (p: object, host = amd64, c = caps) => seccompFromProfile(JSON.stringify(p), c, host);

test('a profile with neither a default action nor syscalls is no filter; the common fields are kept', () => {
  assert.equal(make({}), null);
  assert.equal(make({ syscalls: [] }), null);
  assert.deepEqual(make({ defaultAction: 'SCMP_ACT_ERRNO', defaultErrnoRet: 1, architectures: ['SCMP_ARCH_X86_64'], flags: ['SECCOMP_FILTER_FLAG_LOG'], comment: 'ignored' }), {
    defaultAction: 'SCMP_ACT_ERRNO',
    defaultErrnoRet: 1,
    architectures: ['SCMP_ARCH_X86_64'],
    flags: ['SECCOMP_FILTER_FLAG_LOG'],
  });
});

test('name and names, errnoRet and args become the runtime spec\'s syscalls', () => {
  const out = make({
    defaultAction: 'SCMP_ACT_ALLOW',
    syscalls: [
      { name: 'mkdir', action: 'SCMP_ACT_ERRNO', args: null, comment: '' },
      { names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: 38 },
      { names: ['personality'], action: 'SCMP_ACT_ALLOW', args: [{ index: 0, value: 8, op: 'SCMP_CMP_EQ' }] },
      { names: ['clone'], action: 'SCMP_ACT_ALLOW', args: [{ index: 0, value: 2114060288, valueTwo: 0, op: 'SCMP_CMP_MASKED_EQ' }] },
    ],
  });
  assert.deepEqual(out?.syscalls, [
    { names: ['mkdir'], action: 'SCMP_ACT_ERRNO' },
    { names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: 38 },
    { names: ['personality'], action: 'SCMP_ACT_ALLOW', args: [{ index: 0, value: 8, op: 'SCMP_CMP_EQ' }] },
    { names: ['clone'], action: 'SCMP_ACT_ALLOW', args: [{ index: 0, value: 2114060288, op: 'SCMP_CMP_MASKED_EQ' }] },
  ]);
});

test('includes and excludes: the container\'s capabilities, this machine\'s architecture, the running kernel', () => {
  const blocks = [
    { names: ['a'], action: 'SCMP_ACT_ALLOW', includes: { caps: ['CAP_SYS_ADMIN'] } },
    { names: ['b'], action: 'SCMP_ACT_ALLOW', includes: { caps: ['CAP_CHOWN', 'CAP_SYS_CHROOT'] } },
    { names: ['c'], action: 'SCMP_ACT_ALLOW', excludes: { caps: ['CAP_SYS_ADMIN', 'CAP_CHOWN'] } },
    { names: ['d'], action: 'SCMP_ACT_ALLOW', includes: { arches: ['arm64', 's390x'] } },
    { names: ['e'], action: 'SCMP_ACT_ALLOW', includes: { arches: ['amd64', 'x32'] } },
    { names: ['f'], action: 'SCMP_ACT_ALLOW', excludes: { arches: ['amd64'] } },
    { names: ['g'], action: 'SCMP_ACT_ALLOW', includes: { minKernel: '4.8' } },
    { names: ['h'], action: 'SCMP_ACT_ALLOW', includes: { minKernel: '6.2' } },
    { names: ['i'], action: 'SCMP_ACT_ALLOW', excludes: { minKernel: '6.1' } },
    { names: ['j'], action: 'SCMP_ACT_ALLOW', includes: null, excludes: { caps: [], arches: null } },
  ];
  const names = (out: ReturnType<typeof make>) => out?.syscalls?.flatMap((s) => s.names);
  assert.deepEqual(names(make({ defaultAction: 'SCMP_ACT_ERRNO', syscalls: blocks })), ['b', 'e', 'g', 'j']);
  assert.deepEqual(names(make({ defaultAction: 'SCMP_ACT_ERRNO', syscalls: blocks }, { arch: 'arm64', kernel: '4.19.0' }, ['CAP_SYS_ADMIN'])), ['a', 'd', 'f', 'g', 'i', 'j']);
});

test('archMap: this machine\'s architecture and its sub-architectures; none of another machine\'s', () => {
  const archMap = [
    { architecture: 'SCMP_ARCH_X86_64', subArchitectures: ['SCMP_ARCH_X86', 'SCMP_ARCH_X32'] },
    { architecture: 'SCMP_ARCH_AARCH64', subArchitectures: ['SCMP_ARCH_ARM'] },
  ];
  assert.deepEqual(make({ defaultAction: 'SCMP_ACT_ERRNO', archMap })?.architectures, ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32']);
  assert.deepEqual(make({ defaultAction: 'SCMP_ACT_ERRNO', archMap }, { arch: 'arm64', kernel: '6.1' })?.architectures, ['SCMP_ARCH_AARCH64', 'SCMP_ARCH_ARM']);
  assert.equal(make({ defaultAction: 'SCMP_ACT_ERRNO', archMap }, { arch: 's390x', kernel: '6.1' })?.architectures, undefined);
});

test('Docker\'s errors for a profile it can\'t use', () => {
  assert.throws(() => seccompFromProfile('{', caps, amd64), /^BerthError: Decoding seccomp profile failed: /);
  assert.throws(() => make({ defaultAction: 5 }), /^BerthError: Decoding seccomp profile failed: defaultAction: .*expected string/);
  assert.throws(() => make({ defaultAction: 'SCMP_ACT_ALLOW', syscalls: [{ names: ['x'], action: 'SCMP_ACT_ERRNO', errnoRet: -1 }] }), /Decoding seccomp profile failed: syscalls\.0\.errnoRet: /);
  assert.throws(
    () => make({ defaultAction: 'SCMP_ACT_ALLOW', architectures: ['SCMP_ARCH_X86_64'], archMap: [{ architecture: 'SCMP_ARCH_X86_64' }] }),
    /^BerthError: 'architectures' and 'archMap' were specified in the seccomp profile, use either 'architectures' or 'archMap'$/,
  );
  assert.throws(
    () => make({ defaultAction: 'SCMP_ACT_ALLOW', syscalls: [{ name: 'mkdir', names: ['mkdirat'], action: 'SCMP_ACT_ERRNO' }] }),
    /^BerthError: 'name' and 'names' were specified in the seccomp profile, use either 'name' or 'names'$/,
  );
  assert.throws(() => make({ defaultAction: 'SCMP_ACT_ALLOW', syscalls: [{ names: ['x'], action: 'SCMP_ACT_ALLOW', includes: { minKernel: 'new' } }] }), /failed to parse kernel version "new"/);
});

test('kernelAtLeast compares major, minor and patch, whatever follows them', () => {
  assert.ok(kernelAtLeast('4.8', '6.18.44-fc-v1272'));
  assert.ok(kernelAtLeast('6.18', '6.18.0'));
  assert.ok(kernelAtLeast('6.18.44', '6.18.44+deb12'));
  assert.ok(!kernelAtLeast('6.18.45', '6.18.44'));
  assert.ok(!kernelAtLeast('7.0', '6.18.44'));
  assert.ok(kernelAtLeast('5.10', '6.1'));
});
