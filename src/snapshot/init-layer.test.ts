import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, chownSync, lstatSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeInitLayer } from './init-layer.js';

const asRoot = process.getuid?.() === 0;

function scratch(t: TestContext): string {
  const d = mkdtempSync(join(tmpdir(), 'berth-init-'));
  t.after(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

/** An image layer whose /etc has the owner 0:42 and `etcMode`, and an empty init layer beside it. */
function layers(t: TestContext, etcMode: number): { image: string; init: string } {
  const d = scratch(t);
  const image = join(d, 'image');
  const init = join(d, 'init');
  mkdirSync(join(image, 'etc'), { recursive: true });
  chownSync(join(image, 'etc'), 0, 42);
  chmodSync(join(image, 'etc'), etcMode);
  mkdirSync(init);
  return { image, init };
}

const owner = (p: string) => {
  const st = lstatSync(p);
  return `${st.uid}:${st.gid} ${(st.mode & 0o7777).toString(8)}`;
};

test('the init layer: placeholders 0755 root, parents as the image has them or 0755 root', { skip: !asRoot && 'needs root (chown)' }, (t) => {
  const { image, init } = layers(t, 0o750);
  writeFileSync(join(image, 'etc', 'hosts'), 'image hosts');
  mkdirSync(join(image, 'proc'));
  writeInitLayer(init, [image]);
  assert.equal(owner(join(init, 'etc')), '0:42 750');
  assert.equal(owner(join(init, 'dev')), '0:0 755');
  assert.equal(owner(join(init, 'dev', 'pts')), '0:0 755');
  for (const f of ['etc/hosts', 'etc/hostname', 'etc/resolv.conf', 'dev/console', '.dockerenv']) assert.equal(owner(join(init, f)), '0:0 755', f);
  assert.equal(readlinkSync(join(init, 'etc', 'mtab')), '/proc/mounts');
  // a directory the image has is left to the image
  assert.equal(lstatSync(join(init, 'proc'), { throwIfNoEntry: false }), undefined);
});

test('the init layer under a setgid or special-mode image directory still gets exact owners and modes', { skip: !asRoot && 'needs root (chown)' }, (t) => {
  const { image, init } = layers(t, 0o2775);
  mkdirSync(join(image, 'dev'));
  chmodSync(join(image, 'dev'), 0o1777);
  writeInitLayer(init, [image]);
  assert.equal(owner(join(init, 'etc')), '0:42 2775');
  // in a setgid directory a new file would take the directory's group: the placeholder is still root's
  assert.equal(owner(join(init, 'etc', 'hosts')), '0:0 755');
  assert.equal(owner(join(init, 'dev')), '0:0 1777');
  assert.equal(owner(join(init, 'dev', 'shm')), '0:0 755');
});
