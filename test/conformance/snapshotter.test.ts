// One suite, run against both storage drivers (overlay and vfs): a writable layer prepared on a two-layer image
// (whiteouts and an opaque directory among its layers) reads as the image, takes writes, deletions, renames and an
// opaque re-creation as overlayfs does, reports them as `docker diff` would, commits to a layer tar that rebuilds
// the same tree, and never changes the image's layer directories. Depth: 125 image layers mount, 126 are refused.
// Real mounts: needs root, and overlayfs for the overlay driver.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { need, isRoot, TestStore } from '../lib/berth.js';
import { openStore, type Store } from '../../src/store/store.js';
import { createSnapshotter, containerChanges, exportContainer, MAX_LAYER_DEPTH } from '../../src/snapshot/index.js';
import { commitContainer } from '../../src/image/commit-container.js';
import { checkStore } from '../../src/store/check.js';
import { EMPTY_LAYER_DIFF_ID, hex, type Digest } from '../../src/digest/digest.js';
import { buildImage, dir, file, fingerprint, tarItems, withMount, type Entry, type TarItem } from './snapshot-fixtures.js';

const hasOverlay = () => readFileSync('/proc/filesystems', 'utf8').includes('\toverlay\n');
const newKey = () => randomBytes(32).toString('hex');

/** L1: a small tree. L2: deletes /oldfile, makes /old opaque with only n1, adds /data/new2. */
const L1: Entry[] = [
  dir('etc'),
  file('etc/passwd', 'root:x:0:0:root:/root:/bin/sh\n'),
  dir('data'),
  file('data/a', 'a\n'),
  file('data/b', 'b\n'),
  file('data/c0', 'c0\n'),
  file('data/e', 'e\n'),
  dir('data/sub'),
  file('data/sub/c', 'c\n'),
  dir('data2'),
  file('data2/x', 'x\n'),
  dir('data2/dd'),
  file('data2/dd/in', 'in\n'),
  dir('opq'),
  file('opq/p', 'p\n'),
  dir('opq/inner'),
  file('opq/inner/q', 'q\n'),
  dir('ren'),
  file('ren/f', 'r\n'),
  dir('ren/d'),
  file('ren/d/g', 'g\n'),
  dir('keep'),
  file('keep/k1', 'k\n'),
  { name: 'keep/k2', type: 'link', linkname: 'keep/k1' },
  { name: 'keep/s', type: 'symlink', linkname: 'k1' },
  dir('old'),
  file('old/o1', 'o1\n'),
  file('oldfile', 'gone\n'),
  dir('tmp', 0o1777),
];
const L2: Entry[] = [
  file('.wh.oldfile', ''),
  dir('old'),
  file('old/.wh..wh..opq', ''),
  file('old/n1', 'n1\n'),
  dir('data'),
  file('data/new2', 'new2\n'),
];

/** The changes the writes below make, in berth's order (Docker's, with names sorted inside each group). */
const EXPECTED = [
  'C /data',
  'C /data/a',
  'C /data/e',
  'A /data/e/in',
  'C /data/new2',
  'A /data/sym',
  'D /data/b',
  'D /data/sub',
  'C /data2',
  'C /data2/dd',
  'A /data2/y',
  'D /data2/x',
  'C /etc',
  'C /etc/passwd',
  'A /newdir',
  'A /newdir/deep',
  'A /newdir/deep/f',
  'A /newfile',
  'C /old',
  'D /old/n1',
  'C /opq',
  'C /opq/p',
  'D /opq/inner',
  'A /ren2',
  'A /ren2/d',
  'A /ren2/d/g',
  'A /ren2/f',
  'C /tmp',
  'A /tmp/fifo',
  'D /ren',
];

const sh = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stderr}`);
};

/** Adds, changes, deletes, renames and re-creates, through the mounted root, as a container's process would. */
function mutate(root: string): void {
  const p = (rel: string) => join(root, rel);
  writeFileSync(p('newfile'), 'new\n');
  mkdirSync(p('newdir/deep'), { recursive: true });
  writeFileSync(p('newdir/deep/f'), 'n\n');
  appendFileSync(p('data/a'), 'changed\n');
  rmSync(p('data/b'));
  rmSync(p('data/sub'), { recursive: true });
  rmSync(p('data/e'));
  mkdirSync(p('data/e'));
  writeFileSync(p('data/e/in'), '');
  chmodSync(p('data/new2'), 0o600);
  const c0 = lstatSync(p('data/c0'));
  utimesSync(p('data/c0'), new Date(), c0.mtime); // atime only: copied up, but no change
  symlinkSync('/x', p('data/sym'));
  sh('mv', [p('data2/x'), p('data2/y')]);
  rmSync(p('data2/dd'), { recursive: true });
  writeFileSync(p('data2/dd'), 'now a file\n');
  chmodSync(p('data2'), 0o700);
  rmSync(p('old/n1'));
  rmSync(p('opq'), { recursive: true });
  mkdirSync(p('opq'));
  writeFileSync(p('opq/p'), 'p2\n');
  sh('mv', [p('ren'), p('ren2')]);
  const now = new Date(Date.now() + 5000);
  utimesSync(p('etc/passwd'), now, now);
  sh('mkfifo', [p('tmp/fifo')]);
  mkdirSync(p('tmpdir'));
  rmSync(p('tmpdir'), { recursive: true });
}

/** Entry facts that survive a commit: mtimes only for non-directories, in seconds. */
function comparable(items: TarItem[], skipMtime: Set<string>): string[] {
  return items.map((i) => {
    const mtime = i.type === 'directory' || skipMtime.has(i.name) ? '' : String(Math.floor(i.mtime / 1000));
    return [i.name, i.type, i.mode.toString(8), i.uid, i.gid, i.linkname, i.content, mtime, i.xattrs.join(',')].join('|');
  });
}

/** The init layer's placeholders: recreated by every prepare, so their times differ between containers. */
const INIT = new Set(['.dockerenv', 'etc/hosts', 'etc/hostname', 'etc/resolv.conf', 'dev/console', 'etc/mtab']);

for (const driver of ['overlay', 'vfs'] as const) {
  describe(`snapshotter: ${driver}`, () => {
    let ts: TestStore;
    let store: Store;
    let image: { id: Digest; chain: Digest[] };
    let lowerPrints: Map<Digest, string>;
    let skip: string | null = null;

    before(async () => {
      if (!isRoot()) skip = 'needs root (mounts, mknod, trusted.* xattrs)';
      else if (driver === 'overlay' && !hasOverlay()) skip = 'needs overlayfs';
      if (skip) return;
      ts = new TestStore('berth-snap-');
      store = await openStore({ root: ts.root, driver });
      image = await buildImage(store, [L1, L2], 'docker.io/library/snapfix:latest');
      lowerPrints = new Map(image.chain.map((c) => [c, fingerprint(store.layers.diffDir(c))]));
    });
    after(() => ts?.cleanup());

    test('a prepared layer reads as the image plus the init layer', async (t) => {
      if (!need(t, !skip, skip ?? '')) return;
      const snap = createSnapshotter(store);
      assert.equal(snap.name, driver === 'vfs' ? 'vfs' : 'overlay2');
      const key = newKey();
      const mounts = await snap.prepare(key, image.chain[1]);
      assert.deepEqual(await snap.list(), [key]);
      await withMount(mounts, join(ts.root, 'mnt-read'), (root) => {
        assert.equal(readFileSync(join(root, 'data/a'), 'utf8'), 'a\n');
        assert.equal(readFileSync(join(root, 'data/new2'), 'utf8'), 'new2\n');
        assert.equal(existsSync(join(root, 'oldfile')), false, 'whited out in L2');
        assert.deepEqual(readdirSync(join(root, 'old')), ['n1'], 'opaque in L2');
        assert.equal(lstatSync(join(root, 'keep/k1')).ino, lstatSync(join(root, 'keep/k2')).ino, 'hard link kept');
        assert.equal(lstatSync(join(root, 'tmp')).mode & 0o7777, 0o1777);
        for (const f of ['.dockerenv', 'etc/hosts', 'etc/hostname', 'etc/resolv.conf', 'dev/console']) {
          const st = lstatSync(join(root, f));
          assert.ok(st.isFile() && st.size === 0 && (st.mode & 0o777) === 0o755, f);
        }
        for (const d of ['proc', 'sys', 'dev/pts', 'dev/shm']) assert.ok(lstatSync(join(root, d)).isDirectory(), d);
        assert.equal(readFileSync(join(root, 'etc/passwd'), 'utf8'), 'root:x:0:0:root:/root:/bin/sh\n');
      });
      assert.deepEqual(await containerChanges(store, key), [], 'nothing changed yet');
      assert.equal(await snap.usage(key), 0);
      assert.deepEqual((await checkStore(store)).problems, [], 'a writable layer is not a leftover');
      // Recovery from an interrupted metadata commit sweeps layer directories without records, never these.
      writeFileSync(store.markerPath, `${process.pid}\n`);
      await store.recover();
      assert.deepEqual(await snap.list(), [key]);
      assert.equal((await snap.upper(key)).parent, image.chain[1]);
      await snap.remove(key);
      assert.deepEqual(await snap.list(), []);
    });

    test('writes, deletes, renames and opaque dirs: diff, commit round trip, lower layers untouched', async (t) => {
      if (!need(t, !skip, skip ?? '')) return;
      const snap = createSnapshotter(store);
      const key = newKey();
      await withMount(await snap.prepare(key, image.chain[1]), join(ts.root, 'mnt-a'), mutate);

      const changes = (await containerChanges(store, key)).map((c) => `${c.kind} ${c.path}`);
      assert.deepEqual(changes, EXPECTED);

      const upper = await snap.upper(key);
      assert.equal(upper.kind, driver === 'vfs' ? 'full' : 'overlay');
      assert.equal(upper.parent, image.chain[1]);
      const before = comparable(await tarItems(await exportContainer(store, key)), INIT);

      const id = await commitContainer(store, {
        key,
        imageID: image.id,
        config: { Hostname: key.slice(0, 12), Cmd: ['sh', '-c', 'mutate'], Image: 'snapfix' },
        message: 'msg',
        author: 'Tester <t@example.com>',
        changes: ['ENV A=b'],
        reference: 'snapfix:committed',
      });
      assert.match(id, /^sha256:[0-9a-f]{64}$/);
      assert.equal((await store.images.tags(true))['docker.io/library/snapfix:committed'], id);
      const rec = (await store.images.get(id))!;
      assert.equal(rec.parent, image.id);
      assert.equal(rec.layers.length, 3);
      assert.deepEqual(rec.layers.slice(0, 2), image.chain);
      const config = JSON.parse((await store.content.read(id)).toString());
      assert.deepEqual(config.history.at(-1), {
        created: config.created,
        author: 'Tester <t@example.com>',
        created_by: 'sh -c mutate',
        comment: 'msg',
      });
      assert.deepEqual(config.config.Env, ['A=b']);
      assert.equal(config.container, key);
      assert.deepEqual(config.container_config.Env, null);

      // The committed layer: Docker's entry forms.
      const layer = (await store.layers.get(rec.layers[2]))!;
      const items = await tarItems(await store.content.open(layer.blobs[0].digest));
      const byName = new Map(items.map((i) => [i.name, i]));
      for (const wh of ['data/.wh.b', 'data/.wh.sub', 'data2/.wh.x', '.wh.ren']) {
        assert.equal(byName.get(wh)?.type, 'file', wh);
        assert.equal(byName.get(wh)?.mode, 0o600, wh);
      }
      assert.equal(byName.get('data/')?.mode, 0o40755);
      assert.equal(byName.get('data/a')?.mode, 0o100644);
      assert.equal(byName.get('data/a')?.uname, 'root');
      assert.equal(byName.get('data/sym')?.linkname, '/x');
      assert.equal(byName.get('tmp/fifo')?.type, 'fifo');
      assert.equal(byName.get('newdir/deep/f')?.content, 'n\n');
      assert.ok(!items.some((i) => i.name.startsWith('etc/host') || i.name === '.dockerenv'), 'no init placeholders');
      if (driver === 'overlay') {
        assert.equal(byName.get('opq/.wh..wh..opq')?.mode, 0o755);
        assert.equal(byName.get('opq/.wh..wh..opq')?.mtime, 0);
        assert.equal(items.findIndex((i) => i.name === 'opq/.wh..wh..opq'), items.findIndex((i) => i.name === 'opq/') + 1);
      } else {
        assert.equal(byName.get('opq/.wh.inner')?.mode, 0o600);
        // moby's ExportChanges order: by the changed path (a whiteout sorts as the path it deletes).
        const paths = items.map((i) => `/${i.name.replace(/\/$/, '').replace(/(^|\/)\.wh\./, '$1')}`);
        assert.deepEqual(paths, [...paths].sort());
        assert.deepEqual(paths, EXPECTED.map((c) => c.slice(2)).sort());
      }
      assert.equal(layer.size, await snap.usage(key));

      // A container of the new image holds what the old one did.
      const key2 = newKey();
      await snap.prepare(key2, rec.layers[2]);
      const after2 = comparable(await tarItems(await exportContainer(store, key2)), INIT);
      assert.deepEqual(after2, before);
      assert.deepEqual(await containerChanges(store, key2), []);

      await snap.remove(key);
      await snap.remove(key2);
      for (const [c, print] of lowerPrints) assert.equal(fingerprint(store.layers.diffDir(c)), print, `layer ${c} changed`);
      assert.deepEqual((await checkStore(store)).problems, []);
    });

    test('a container that changed nothing commits an empty layer', async (t) => {
      if (!need(t, !skip, skip ?? '')) return;
      const snap = createSnapshotter(store);
      const key = newKey();
      await snap.prepare(key, image.chain[1]);
      const id = await commitContainer(store, { key, imageID: image.id, config: { Cmd: ['true'] } });
      const config = JSON.parse((await store.content.read(id)).toString());
      assert.deepEqual(config.rootfs.diff_ids.length, 2);
      assert.equal(config.history.at(-1).empty_layer, true);
      assert.equal(config.history.at(-1).created_by, 'true');
      assert.ok(!(await store.content.has(EMPTY_LAYER_DIFF_ID)));
      await snap.remove(key);
    });

    test(`${MAX_LAYER_DEPTH} image layers mount; a chain of ${MAX_LAYER_DEPTH + 1} is refused with "max depth exceeded"`, async (t) => {
      if (!need(t, !skip, skip ?? '')) return;
      const layers = Array.from({ length: MAX_LAYER_DEPTH + 1 }, (_, i) => [file(`f${i}`, `layer ${i}\n`)]);
      const deep = await buildImage(store, layers.slice(0, MAX_LAYER_DEPTH));
      const snap = createSnapshotter(store);
      const key = newKey();
      const mounts = await snap.prepare(key, deep.chain[MAX_LAYER_DEPTH - 1]);
      if (driver === 'overlay') assert.ok(mounts[0].options.join(',').length < 4096);
      await withMount(mounts, join(ts.root, 'mnt-deep'), (root) => {
        assert.equal(readFileSync(join(root, 'f0'), 'utf8'), 'layer 0\n');
        assert.equal(readFileSync(join(root, `f${MAX_LAYER_DEPTH - 1}`), 'utf8'), `layer ${MAX_LAYER_DEPTH - 1}\n`);
        assert.equal(existsSync(join(root, `f${MAX_LAYER_DEPTH}`)), false);
      });
      // as Docker's layer store, the store itself takes no deeper chain (so no container could be asked to mount one)
      await assert.rejects(buildImage(store, layers), { message: 'max depth exceeded' });
      await snap.remove(key);
      assert.deepEqual(await snap.list(), []);
    });

    test('keys are 64-hex IDs; a key is prepared once', async (t) => {
      if (!need(t, !skip, skip ?? '')) return;
      const snap = createSnapshotter(store);
      await assert.rejects(snap.prepare('../escape', null), /invalid writable layer key/);
      const key = newKey();
      await snap.prepare(key, null);
      await assert.rejects(snap.prepare(key, null), /already exists/);
      await assert.rejects(snap.upper(newKey()), /does not exist/);
      await snap.remove(key);
    });

    // (the vfs driver copies the init layer into each container: nothing is shared there)
    if (driver === 'overlay') test('containers of one image share its init layer, which goes with the image layer', async (t) => {
      if (!need(t, !skip, skip ?? '')) return;
      const own = await buildImage(store, [[dir('own'), file('own/x', 'x\n')]]);
      const top = own.chain[0];
      const shared = join(store.layers.home(top), 'init');
      const snap = createSnapshotter(store);
      const [a, b] = [newKey(), newKey()];
      assert.equal(existsSync(shared), false, 'made by the first container, not by the image');
      const [ma, mb] = [await snap.prepare(a, top), await snap.prepare(b, top)];
      for (const [key, m] of [[a, ma], [b, mb]] as const) {
        assert.ok(m[0].options.some((o) => o.startsWith(`lowerdir=${hex(top)}/init:`)), m[0].options.join(','));
        assert.equal(existsSync(join(store.layers.driverDir, key, 'init')), false, 'no init layer of its own');
        assert.deepEqual((await snap.upper(key)).lowers[0], shared);
        assert.equal((await snap.upper(key)).parent, top);
      }
      assert.deepEqual(readdirSync(store.layers.home(top)).sort(), ['diff', 'init', 'link'], 'no scratch left beside it');
      await withMount(mb, join(ts.root, 'mnt-shared'), (root) => {
        writeFileSync(join(root, 'etc/hosts'), 'written by b\n');
        assert.ok(lstatSync(join(root, 'dev/console')).isFile());
      });
      assert.equal(readFileSync(join(shared, 'etc/hosts'), 'utf8'), '', 'a write lands in the container, not the shared layer');
      assert.deepEqual(await containerChanges(store, a), []);
      await snap.remove(a);
      await snap.remove(b);
      assert.ok(existsSync(shared), 'kept while the image layer is');
      await store.commit(() => store.layers.remove(top));
      assert.equal(existsSync(store.layers.home(top)), false);
    });
  });
}
