import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { cgroupAttachWarmupActive, ownCgroupProcs, stopCgroupAttachWarmup, warmCgroupAttach } from './cgroup-attach-warmup.js';

const HYBRID = '4:memory:/a/b\n3:cpuset:/\n1:name=systemd:/user.slice\n0::/user.slice/s.scope\n';

test('ownCgroupProcs: the cgroup2 entry under its mount point, else the first v1 controller', () => {
  const at = (mount: string) => (p: string) => p === `${mount}/cgroup.controllers`;
  assert.equal(ownCgroupProcs(HYBRID, at('/sys/fs/cgroup/unified')), '/sys/fs/cgroup/unified/user.slice/s.scope/cgroup.procs');
  assert.equal(ownCgroupProcs('0::/\n', at('/sys/fs/cgroup')), '/sys/fs/cgroup/cgroup.procs');
  // no cgroup2 mount found: a v1 hierarchy with a controller (not a name=… one)
  assert.equal(ownCgroupProcs(HYBRID, () => false), '/sys/fs/cgroup/memory/a/b/cgroup.procs');
  assert.equal(ownCgroupProcs('', () => true), null);
});

test('warmCgroupAttach: runs until stopped, one at a time, and moves nothing', async (t) => {
  if (process.getuid?.() !== 0) {
    t.skip('needs root (only root writes cgroup.procs)');
    return;
  }
  const before = readFileSync('/proc/self/cgroup', 'utf8');
  const w = warmCgroupAttach();
  if (!cgroupAttachWarmupActive()) {
    t.skip(`no writable cgroup.procs for this process (${ownCgroupProcs() ?? 'none found'})`);
    return;
  }
  assert.equal(warmCgroupAttach(), w, 'a second call joins the running warm-up');
  await new Promise((r) => setTimeout(r, 60));
  assert.ok(cgroupAttachWarmupActive());
  assert.equal(readFileSync('/proc/self/cgroup', 'utf8'), before);
  stopCgroupAttachWarmup();
  assert.equal(cgroupAttachWarmupActive(), false);
  // bounded: a short one ends by itself
  warmCgroupAttach(20);
  await new Promise((r) => setTimeout(r, 80));
  assert.equal(cgroupAttachWarmupActive(), false);
});
