import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cliSecurityOpts, daemonSecurityOpts, seccompProfileOf } from './security-opts.js';

const none = () => ({ apparmor: false, selinux: false });

test('cliSecurityOpts: docker/cli forms, and a seccomp profile file inlined as compact JSON', () => {
  assert.deepEqual(cliSecurityOpts(['no-new-privileges', 'label=disable', 'apparmor:unconfined', 'seccomp=unconfined']), [
    'no-new-privileges',
    'label=disable',
    'apparmor:unconfined',
    'seccomp=unconfined',
  ]);
  assert.throws(() => cliSecurityOpts(['foo']), /^BerthError: Invalid --security-opt: "foo"$/);
  const files: Record<string, string> = { '/p.json': '{ "defaultAction": "SCMP_ACT_ALLOW",\n "syscalls": [] }', '/bad.json': '{' };
  const read = (p: string) => {
    if (!(p in files)) throw Object.assign(new Error('gone'), { code: 'ENOENT' });
    return files[p];
  };
  assert.deepEqual(cliSecurityOpts(['seccomp=/p.json'], read), ['seccomp={"defaultAction":"SCMP_ACT_ALLOW","syscalls":[]}']);
  assert.throws(() => cliSecurityOpts(['seccomp=/none.json'], read), /opening seccomp profile \(\/none\.json\) failed: open \/none\.json: no such file or directory$/);
  assert.throws(() => cliSecurityOpts(['seccomp=/bad.json'], read), /compacting json for seccomp profile \(\/bad\.json\) failed: /);
});

test('daemonSecurityOpts: moby parseSecurityOpt errors; no-new-privileges and seccomp profiles; what berth refuses instead of ignoring', () => {
  assert.deepEqual(daemonSecurityOpts([], none), { noNewPrivileges: false });
  assert.deepEqual(daemonSecurityOpts(['no-new-privileges'], none), { noNewPrivileges: true });
  assert.deepEqual(daemonSecurityOpts(['no-new-privileges=true', 'no-new-privileges:false'], none), { noNewPrivileges: false });
  assert.deepEqual(daemonSecurityOpts(['no-new-privileges=1', 'seccomp=unconfined', 'apparmor=docker-default', 'label=level:s0'], none), { noNewPrivileges: true });
  assert.throws(() => daemonSecurityOpts(['foo=bar'], none), /^BerthError: invalid --security-opt 2: "foo=bar"$/);
  assert.throws(() => daemonSecurityOpts(['no-new-privileges=maybe'], none), /invalid --security-opt 2: "no-new-privileges=maybe"$/);
  assert.throws(() => daemonSecurityOpts(['foo'], none), /invalid --security-opt 1: "foo"$/);
  // a profile is taken as it is (read at start, as Docker's daemon does)
  assert.deepEqual(daemonSecurityOpts(['seccomp={"defaultAction":"SCMP_ACT_ALLOW"}'], none), { noNewPrivileges: false });
  // a host that enforces them: a profile or label berth would not apply is refused, unconfined/disable are fine
  assert.throws(() => daemonSecurityOpts(['apparmor=docker-default'], () => ({ apparmor: true, selinux: false })), /AppArmor profiles are not supported/);
  assert.deepEqual(daemonSecurityOpts(['apparmor=unconfined'], () => ({ apparmor: true, selinux: false })), { noNewPrivileges: false });
  assert.throws(() => daemonSecurityOpts(['label=type:svirt_t'], () => ({ apparmor: false, selinux: true })), /SELinux labels are not supported/);
  assert.deepEqual(daemonSecurityOpts(['label=disable'], () => ({ apparmor: false, selinux: true })), { noNewPrivileges: false });
});

test('seccompProfileOf: the last seccomp= option wins; unconfined is null, none is undefined', () => {
  assert.equal(seccompProfileOf(undefined), undefined);
  assert.equal(seccompProfileOf(['no-new-privileges', 'label=disable']), undefined);
  assert.equal(seccompProfileOf(['seccomp=unconfined']), null);
  assert.equal(seccompProfileOf(['seccomp={"a":1}']), '{"a":1}');
  assert.equal(seccompProfileOf(['seccomp={"a":1}', 'seccomp=unconfined']), null);
  assert.equal(seccompProfileOf(['seccomp=unconfined', 'seccomp:{"b":2}']), '{"b":2}');
});
