// Interop with Docker through registries: what Docker pushed, berth pulls to the same image ID (the benchmark
// registry's bench/app:1, and an image Docker pushes here); what berth pushed, Docker pulls to the same image ID.
// Needs the Docker daemon: without one these tests skip with a printed reason (not a failure, as in CI).

import { test, before, after, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { TestStore, busyboxRootfsTar, importBusybox, runCommand } from '../lib/berth.js';
import { TestRegistry, hasRegistry } from '../lib/registry.js';

const DOCKER = '/usr/bin/docker';
const BENCH = '127.0.0.1:5000/bench/app:1';
let reg: TestRegistry | undefined;
let up = false;
const cleanup: string[] = [];

before(async () => {
  up = existsSync(DOCKER) && spawnSync(DOCKER, ['info'], { stdio: 'ignore', timeout: 20_000 }).status === 0;
  if (up && hasRegistry()) reg = await TestRegistry.start();
});
after(async () => {
  if (cleanup.length) spawnSync(DOCKER, ['rmi', '-f', ...cleanup], { stdio: 'ignore' });
  await reg?.stop();
});

function skipUnless(t: TestContext, ok: boolean, reason: string): boolean {
  if (ok) return true;
  console.log(`# skip: ${reason}`);
  t.skip(reason);
  return false;
}

async function docker(args: string[]): Promise<string> {
  const r = await runCommand(DOCKER, args);
  if (r.code !== 0) throw new Error(`docker ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

test("berth pulls what Docker pushed to the benchmark registry, to Docker's image ID", async (t) => {
  if (!skipUnless(t, up, 'no Docker daemon reachable through /usr/bin/docker')) return;
  const listed = await fetch('http://127.0.0.1:5000/v2/bench/app/tags/list').then((r) => (r.ok ? r.text() : ''), () => '');
  if (!skipUnless(t, listed.includes('"1"'), `the registry at 127.0.0.1:5000 has no ${BENCH}`)) return;
  const s = new TestStore();
  t.after(() => s.cleanup());
  await s.ok(['pull', '-q', BENCH]);
  const mine = (await s.ok(['images', '-q', '--no-trunc', BENCH])).trim();
  // Docker's ID for it is the config digest its manifest names (and, when Docker has the image, its own ID).
  const m = await fetch('http://127.0.0.1:5000/v2/bench/app/manifests/1', {
    headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json' },
  }).then((r) => r.json() as Promise<{ config: { digest: string } }>);
  assert.equal(mine, m.config.digest);
  const theirs = await runCommand(DOCKER, ['image', 'inspect', '--format', '{{.Id}}', BENCH]);
  if (theirs.code === 0) assert.equal(mine, theirs.stdout.trim());
});

test('Docker pushes, berth pulls: the same image ID', async (t) => {
  if (!skipUnless(t, up && !!reg, 'no Docker daemon reachable through /usr/bin/docker (or no docker-registry)')) return;
  const ref = `${reg!.host}/from-docker/bb:${randomBytes(4).toString('hex')}`;
  const id = (await docker(['import', '--change', 'CMD ["/bin/sh"]', busyboxRootfsTar(), ref])).trim();
  cleanup.push(ref);
  await docker(['push', ref]);
  const s = new TestStore();
  t.after(() => s.cleanup());
  const out = await s.ok(['pull', ref]);
  assert.ok(out.endsWith(`Status: Downloaded newer image for ${ref}\n${ref}\n`), out);
  assert.equal((await s.ok(['images', '-q', '--no-trunc', ref])).trim(), id);
  // The manifest digest berth records is the one Docker got from its push.
  const repoDigest = (await docker(['image', 'inspect', '--format', '{{index .RepoDigests 0}}', ref])).trim();
  assert.equal(JSON.parse(await s.ok(['image', 'inspect', '--format', '{{json .RepoDigests}}', ref]))[0], repoDigest);
});

test('berth pushes, Docker pulls: the same image ID', async (t) => {
  if (!skipUnless(t, up && !!reg, 'no Docker daemon reachable through /usr/bin/docker (or no docker-registry)')) return;
  const ref = `${reg!.host}/from-berth/bb:${randomBytes(4).toString('hex')}`;
  const s = new TestStore();
  t.after(() => s.cleanup());
  const id = await importBusybox(s, ref);
  const digest = /digest: (sha256:[a-f0-9]{64})/.exec(await s.ok(['push', ref]))![1];
  cleanup.push(ref);
  const out = await docker(['pull', ref]);
  assert.match(out, new RegExp(`Digest: ${digest}\\n`));
  assert.equal((await docker(['image', 'inspect', '--format', '{{.Id}}', ref])).trim(), id);
});
