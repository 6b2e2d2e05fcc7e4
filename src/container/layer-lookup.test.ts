import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lsetxattr } from '../sys/xattr.js';
import { OPAQUE_XATTR } from '../layer/lower-view.js';
import { readFromLayers } from './layer-lookup.js';

const asRoot = process.getuid?.() === 0;

function layers(t: TestContext) {
  const d = mkdtempSync(join(tmpdir(), 'berth-lookup-'));
  t.after(() => rmSync(d, { recursive: true, force: true }));
  const [upper, image] = [join(d, 'upper'), join(d, 'image')];
  mkdirSync(join(image, 'etc'), { recursive: true });
  writeFileSync(join(image, 'etc', 'passwd'), 'root:x:0:0::/root:/bin/sh\n');
  mkdirSync(upper);
  return { upper, image };
}

test('a file of the image shows through an empty upper directory', async (t) => {
  const { upper, image } = layers(t);
  assert.equal(await readFromLayers([upper, image], 'etc/passwd', { upperTop: true }), 'root:x:0:0::/root:/bin/sh\n');
  assert.equal(await readFromLayers([upper, image], 'etc/passwd'), 'root:x:0:0::/root:/bin/sh\n');
});

test('an opaque /etc in the upper directory hides the image /etc; its root is not read for opaqueness with upperTop', { skip: !asRoot && 'needs root (trusted.* xattrs)' }, async (t) => {
  const { upper, image } = layers(t);
  mkdirSync(join(upper, 'etc'));
  writeFileSync(join(upper, 'etc', 'group'), 'g:x:1:\n');
  lsetxattr(join(upper, 'etc'), OPAQUE_XATTR, Buffer.from('y'));
  assert.equal(await readFromLayers([upper, image], 'etc/passwd', { upperTop: true }), null);
  assert.equal(await readFromLayers([upper, image], 'etc/group', { upperTop: true }), 'g:x:1:\n');
  // A root marked opaque (which overlayfs never does to an upper directory) is taken at its word only without upperTop.
  rmSync(join(upper, 'etc'), { recursive: true });
  lsetxattr(upper, OPAQUE_XATTR, Buffer.from('y'));
  assert.equal(await readFromLayers([upper, image], 'etc/passwd'), null);
  assert.equal(await readFromLayers([upper, image], 'etc/passwd', { upperTop: true }), 'root:x:0:0::/root:/bin/sh\n');
});
