import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { TarEntry, TarHeader } from '../archive/tar/entry.js';
import { isBerthError } from '../errors.js';
import { lgetxattr, llistxattr, lsetxattr } from '../sys/xattr.js';
import { readTar } from '../archive/tar/read.js';
import { applyLayer, type ApplyResult } from './apply.js';

const isRoot = process.getuid?.() === 0;
const T = new Date('2020-01-02T03:04:05Z');

function needRoot(t: TestContext, why: string): boolean {
  if (isRoot) return true;
  if (process.env.BERTH_REQUIRE_ROOT === '1') assert.fail(`needs root (${why}) and BERTH_REQUIRE_ROOT=1`);
  t.skip(`needs root (${why})`);
  return false;
}

type Spec = Partial<Omit<TarHeader, 'xattrs'>> & { body?: string | Buffer | Buffer[]; xattrs?: Record<string, string> };

function ent(name: string, s: Spec = {}): TarEntry {
  const chunks = s.body === undefined ? [] : Array.isArray(s.body) ? s.body : [Buffer.from(s.body)];
  const size = chunks.reduce((n, c) => n + c.length, 0);
  const { body: _b, xattrs, ...h } = s;
  return {
    type: 'file',
    mode: 0o644,
    uid: 0,
    gid: 0,
    size,
    mtime: T,
    linkname: '',
    uname: '',
    gname: '',
    devmajor: 0,
    devminor: 0,
    ...h,
    name,
    xattrs: new Map(Object.entries(xattrs ?? {}).map(([k, v]) => [k, Buffer.from(v)])),
    body: Readable.from(chunks),
  };
}
const dir = (name: string, s: Spec = {}) => ent(name, { type: 'directory', mode: 0o755, ...s });
const sym = (name: string, target: string) => ent(name, { type: 'symlink', linkname: target, mode: 0o777 });
const link = (name: string, target: string) => ent(name, { type: 'link', linkname: target });

async function* iter(entries: TarEntry[]): AsyncIterable<TarEntry> {
  yield* entries;
}

/** A scratch area: `layer/` (the target) beside `outside/` (a stand-in for /etc, with one file in it). */
function setup(t: TestContext): { layer: string; outside: string } {
  const base = mkdtempSync(join(tmpdir(), 'berth-apply-'));
  t.after(() => {
    spawnSync('chmod', ['-R', 'u+rwX', base]);
    rmSync(base, { recursive: true, force: true });
  });
  const layer = join(base, 'layer');
  const outside = join(base, 'outside');
  mkdirSync(layer);
  mkdirSync(outside);
  writeFileSync(join(outside, 'passwd'), 'sentinel');
  return { layer, outside };
}

function assertOutsideUntouched(outside: string): void {
  assert.deepEqual(readdirSync(outside), ['passwd']);
  assert.equal(readFileSync(join(outside, 'passwd'), 'utf8'), 'sentinel');
  assert.deepEqual(llistxattr(outside), []);
  assert.deepEqual(readdirSync(join(outside, '..')).sort(), ['layer', 'outside']);
}

async function refuses(t: TestContext, entries: TarEntry[], message: RegExp): Promise<void> {
  const { layer, outside } = setup(t);
  await assert.rejects(applyLayer(iter(entries), layer), (e: unknown) => {
    assert.ok(isBerthError(e, 'INVALID_ARGUMENT'), String(e));
    assert.match(e.message, message);
    return true;
  });
  assertOutsideUntouched(outside);
}

const apply = async (t: TestContext, entries: TarEntry[]): Promise<{ layer: string; r: ApplyResult }> => {
  const { layer } = setup(t);
  return { layer, r: await applyLayer(iter(entries), layer) };
};

// --- hostile archives -------------------------------------------------------------------------------------------

test('refuses ../x', (t) => refuses(t, [ent('../x')], /^invalid tar entry "\.\.\/x": path escapes the layer$/));
test('refuses /abs', (t) => refuses(t, [ent('/abs')], /^invalid tar entry "\/abs": absolute path$/));
test('refuses a/../../x', (t) => refuses(t, [ent('a/../../x')], /path escapes the layer/));
test('refuses a/../b too (no .. at all)', (t) => refuses(t, [dir('a/'), ent('a/../b')], /path escapes the layer/));
test('refuses a NUL in a name', (t) => refuses(t, [ent('a\0b')], /NUL/));

test('a symlink to /etc then a/passwd: refused, nothing written outside', async (t) => {
  const { layer, outside } = setup(t);
  await assert.rejects(applyLayer(iter([sym('a', outside), ent('a/passwd', { body: 'owned' })]), layer), {
    message: `invalid tar entry "a/passwd": parent "a" is a symlink`,
  });
  assertOutsideUntouched(outside);
});

test('a directory later replaced by a symlink cannot be written through', (t) =>
  refuses(t, [dir('a/'), ent('a/f'), sym('a', '/etc'), ent('a/passwd', { body: 'x' })], /parent "a" is a symlink/));

test('symlink chains to .. are never followed', (t) =>
  refuses(t, [sym('s1', '..'), sym('s2', 's1/..'), dir('d/'), sym('d/up', '../../outside'), ent('d/up/passwd', { body: 'x' })], /parent "d\/up" is a symlink/));

test('a symlink to .. used as a parent deeper down', (t) =>
  refuses(t, [sym('s', '..'), ent('s/outside/passwd', { body: 'x' })], /parent "s" is a symlink/));

test('a file used as a parent', (t) => refuses(t, [ent('f'), ent('f/x')], /parent "f" is not a directory/));

test('hardlink to a path outside', (t) => refuses(t, [link('h', '../outside/passwd')], /hardlink target escapes the layer/));
test('hardlink to an absolute path', async (t) => {
  const { layer, outside } = setup(t);
  await assert.rejects(applyLayer(iter([link('h', join(outside, 'passwd'))]), layer), /absolute hardlink target/);
  assertOutsideUntouched(outside);
});
test('hardlink to a file not in this layer', (t) =>
  refuses(t, [link('h', 'etc/shadow')], /hardlink target "etc\/shadow" is not a regular file written earlier in this layer/));
test('hardlink to a symlink', (t) => refuses(t, [sym('s', '/etc/passwd'), link('h', 's')], /is not a regular file/));
test('hardlink to a directory', (t) => refuses(t, [dir('d/'), link('h', 'd')], /is not a regular file/));
test('hardlink through a symlinked parent', async (t) => {
  const { layer, outside } = setup(t);
  await assert.rejects(applyLayer(iter([sym('a', outside), link('h', 'a/passwd')]), layer), /is not a regular file/);
  assertOutsideUntouched(outside);
  assert.equal(existsSync(join(layer, 'h')), false);
});
test('hardlink to a file that a later entry removed', (t) =>
  refuses(t, [dir('d/'), ent('d/f'), ent('d'), link('h', 'd/f')], /is not a regular file/));

test('whiteout aimed outside: ../.wh.x', (t) => refuses(t, [ent('../.wh.passwd')], /path escapes the layer/));
for (const bad of ['.wh.', '.wh..', '.wh...', 'd/.wh..']) {
  test(`invalid whiteout name ${bad}`, (t) => refuses(t, [ent(bad)], /invalid whiteout name/));
}
test('a whiteout in a directory reached through a symlink', (t) =>
  refuses(t, [sym('a', '../outside'), ent('a/.wh.passwd')], /parent "a" is a symlink/));
test('an opaque marker in a directory reached through a symlink', (t) =>
  refuses(t, [sym('a', '../outside'), ent('a/.wh..wh..opq')], /parent "a" is a symlink/));
test('a whiteout name used as a parent directory', (t) =>
  refuses(t, [dir('.wh.x/'), ent('.wh.x/y')], /whiteout name cannot be a parent/));

test('the target directory must be empty', async (t) => {
  const { layer } = setup(t);
  writeFileSync(join(layer, 'x'), '');
  await assert.rejects(applyLayer(iter([]), layer), (e) => isBerthError(e, 'FAILED_PRECONDITION'));
});

test('overlay xattrs in the archive are not applied (a layer cannot forge opaque dirs)', async (t) => {
  if (!needRoot(t, 'trusted.* xattrs')) return;
  const { layer, r } = await apply(t, [
    dir('d/', { xattrs: { 'trusted.overlay.opaque': 'y', 'user.overlay.redirect': '/x', 'user.ok': '1', 'system.nfs4_acl': 'x' } }),
  ]);
  assert.equal(lgetxattr(join(layer, 'd'), 'trusted.overlay.opaque'), null);
  assert.equal(lgetxattr(join(layer, 'd'), 'user.overlay.redirect'), null);
  assert.deepEqual(lgetxattr(join(layer, 'd'), 'user.ok'), Buffer.from('1'));
  assert.equal(r.warnings.length, 3);
});

// --- normal layers ----------------------------------------------------------------------------------------------

test('files, dirs and symlinks with modes, mtimes and contents', async (t) => {
  const old = new Date('2001-02-03T04:05:06Z');
  const { layer, r } = await apply(t, [
    dir('bin/', { mtime: old }),
    ent('bin/su', { mode: 0o4755, body: 'su!' }),
    ent('bin/sg', { mode: 0o2711, body: 'sg' }),
    dir('tmp/', { mode: 0o1777 }),
    dir('ro/', { mode: 0o555 }),
    ent('ro/f', { mode: 0o444, body: 'r' }),
    sym('bin/sh', 'su'),
    ent('empty', { mode: 0o600 }),
  ]);
  const st = (p: string) => lstatSync(join(layer, p));
  assert.equal(st('bin/su').mode & 0o7777, 0o4755);
  assert.equal(st('bin/sg').mode & 0o7777, 0o2711);
  assert.equal(st('tmp').mode & 0o7777, 0o1777);
  assert.equal(st('ro').mode & 0o7777, 0o555);
  assert.equal(st('empty').mode & 0o7777, 0o600);
  assert.equal(readFileSync(join(layer, 'bin/su'), 'utf8'), 'su!');
  assert.equal(readlinkSync(join(layer, 'bin/sh')), 'su');
  assert.equal(st('bin').mtime.getTime(), old.getTime(), 'directory mtime survives its children being written');
  assert.equal(st('bin/su').mtime.getTime(), T.getTime());
  assert.equal(st('bin/sh').mtime.getTime(), T.getTime());
  assert.equal(st('ro').mtime.getTime(), T.getTime());
  assert.deepEqual(r.implicitDirs, []);
  assert.equal(r.entries, 8);
  assert.equal(r.size, 3 + 2 + 1 + 2);
});

test('owners are applied (lchown for symlinks)', async (t) => {
  if (!needRoot(t, 'chown')) return;
  const { layer } = await apply(t, [
    dir('home/', { uid: 1000, gid: 1001 }),
    ent('home/f', { uid: 1000, gid: 1001, mode: 0o4755, body: 'x' }),
    sym('home/l', '/nowhere', ),
    ent('home/l2', { type: 'symlink', linkname: 'f', uid: 7, gid: 8 }),
  ]);
  const st = (p: string) => lstatSync(join(layer, p));
  assert.deepEqual([st('home').uid, st('home').gid], [1000, 1001]);
  assert.deepEqual([st('home/f').uid, st('home/f').gid], [1000, 1001]);
  assert.equal(st('home/f').mode & 0o7777, 0o4755, 'setuid survives chown');
  assert.deepEqual([st('home/l2').uid, st('home/l2').gid], [7, 8]);
});

test('xattrs are preserved, binary included', async (t) => {
  const cap = Buffer.from('0100000200200000000000000000000000000000', 'hex');
  const xattrs: Record<string, string> = { 'user.note': 'hello' };
  if (isRoot) xattrs['trusted.berth'] = 'ok';
  const { layer } = await apply(t, [
    ent('f', { body: 'x', xattrs }),
    { ...ent('ping', { body: 'p' }), xattrs: new Map(isRoot ? [['security.capability', cap]] : []) },
    dir('d/', { xattrs: { 'user.d': '1' } }),
  ]);
  assert.deepEqual(lgetxattr(join(layer, 'f'), 'user.note'), Buffer.from('hello'));
  assert.deepEqual(lgetxattr(join(layer, 'd'), 'user.d'), Buffer.from('1'));
  if (isRoot) {
    assert.deepEqual(lgetxattr(join(layer, 'f'), 'trusted.berth'), Buffer.from('ok'));
    assert.deepEqual(lgetxattr(join(layer, 'ping'), 'security.capability'), cap, 'set after chown, which clears it');
  }
});

test('user.* xattrs on a symlink are skipped with a warning (Linux refuses them)', async (t) => {
  const { layer, r } = await apply(t, [ent('l', { type: 'symlink', linkname: 'x', xattrs: { 'user.a': '1' } })]);
  assert.equal(readlinkSync(join(layer, 'l')), 'x');
  assert.deepEqual(r.warnings, ['l: xattr user.a not applied: EPERM']);
});

test('opaque directory: xattr set, no marker file written', async (t) => {
  if (!needRoot(t, 'trusted.overlay.opaque')) return;
  const { layer, r } = await apply(t, [dir('etc/'), ent('etc/.wh..wh..opq', { mode: 0o755, mtime: new Date(0) }), ent('etc/a')]);
  assert.deepEqual(lgetxattr(join(layer, 'etc'), 'trusted.overlay.opaque'), Buffer.from('y'));
  assert.deepEqual(readdirSync(join(layer, 'etc')), ['a']);
  assert.equal(r.entries, 3);
});

test('opaque marker for an unlisted directory makes it implicitly', async (t) => {
  if (!needRoot(t, 'trusted.overlay.opaque')) return;
  const { layer, r } = await apply(t, [ent('a/b/.wh..wh..opq')]);
  assert.deepEqual(lgetxattr(join(layer, 'a/b'), 'trusted.overlay.opaque'), Buffer.from('y'));
  assert.deepEqual(r.implicitDirs, ['a', 'a/b']);
});

test('whiteouts are 0:0 character devices, mode 000, named after their target', async (t) => {
  if (!needRoot(t, 'mknod')) return;
  const { layer, r } = await apply(t, [ent('.wh.gone'), dir('etc/'), ent('etc/.wh.passwd'), ent('etc/.wh.group'), ent('etc/keep')]);
  for (const p of ['gone', 'etc/passwd', 'etc/group']) {
    const st = lstatSync(join(layer, p));
    assert.ok(st.isCharacterDevice(), p);
    assert.equal(st.rdev, 0, p);
    assert.equal(st.mode & 0o7777, 0, p);
  }
  assert.deepEqual(readdirSync(join(layer, 'etc')).sort(), ['group', 'keep', 'passwd']);
  assert.equal(r.size, 0);
  assert.equal(lstatSync(join(layer, 'etc')).mtime.getTime(), T.getTime(), 'whiteouts are made before directory mtimes are set');
});

test('a whiteout and a file of the same name: the later entry wins', async (t) => {
  if (!needRoot(t, 'mknod')) return;
  const { layer } = await apply(t, [ent('.wh.a'), ent('a', { body: 'back' }), ent('b', { body: 'x' }), ent('.wh.b')]);
  assert.equal(readFileSync(join(layer, 'a'), 'utf8'), 'back');
  assert.ok(lstatSync(join(layer, 'b')).isCharacterDevice());
});

test('device nodes and fifos', async (t) => {
  if (!needRoot(t, 'mknod')) return;
  const { layer } = await apply(t, [
    dir('dev/'),
    ent('dev/null', { type: 'char', devmajor: 1, devminor: 3, mode: 0o666 }),
    ent('dev/loop0', { type: 'block', devmajor: 7, devminor: 0, mode: 0o660, gid: 6 }),
    ent('dev/fifo', { type: 'fifo', mode: 0o4640 }),
  ]);
  const st = (p: string) => lstatSync(join(layer, p));
  assert.ok(st('dev/null').isCharacterDevice());
  assert.equal(st('dev/null').rdev, (1 << 8) | 3);
  assert.equal(st('dev/null').mode & 0o7777, 0o666);
  assert.ok(st('dev/loop0').isBlockDevice());
  assert.equal(st('dev/loop0').gid, 6);
  assert.ok(st('dev/fifo').isFIFO());
  assert.equal(st('dev/fifo').mode & 0o7777, 0o4640);
  assert.equal(st('dev/null').mtime.getTime(), T.getTime());
  assert.equal(st('dev').mtime.getTime(), T.getTime());
});

test('implicit parents are made 0755 and reported, parents first; a later entry makes them explicit', async (t) => {
  const { layer, r } = await apply(t, [ent('usr/lib/x/f'), ent('var/log/y'), dir('var/', { mode: 0o700 })]);
  assert.deepEqual(r.implicitDirs, ['usr', 'usr/lib', 'usr/lib/x', 'var/log']);
  assert.equal(lstatSync(join(layer, 'usr/lib')).mode & 0o7777, 0o755);
  assert.equal(lstatSync(join(layer, 'var')).mode & 0o7777, 0o700);
});

test('the root entry ./ sets the layer root metadata', async (t) => {
  const { layer, r } = await apply(t, [dir('./', { mode: 0o750 }), ent('./a')]);
  assert.equal(lstatSync(layer).mode & 0o7777, 0o750);
  assert.ok(existsSync(join(layer, 'a')));
  assert.deepEqual(r.implicitDirs, []);
});

test('hardlinks share an inode and count once; overwriting the original leaves the link alone', async (t) => {
  const { layer, r } = await apply(t, [ent('f', { body: 'one' }), link('h', 'f'), link('./h2', './f'), ent('f', { body: 'two!' })]);
  assert.equal(readFileSync(join(layer, 'h'), 'utf8'), 'one');
  assert.equal(readFileSync(join(layer, 'f'), 'utf8'), 'two!');
  assert.equal(lstatSync(join(layer, 'h')).ino, lstatSync(join(layer, 'h2')).ino);
  assert.notEqual(lstatSync(join(layer, 'h')).ino, lstatSync(join(layer, 'f')).ino);
  assert.equal(r.size, 3 + 4);
});

test('duplicates: later entries replace earlier ones, directories merge', async (t) => {
  const { layer } = await apply(t, [
    dir('d/', { mode: 0o700 }),
    ent('d/a', { body: 'a' }),
    dir('d/', { mode: 0o711 }),
    ent('x', { body: 'file' }),
    dir('x/'),
    ent('x/in'),
    sym('y', 'x'),
    ent('y', { body: 'file again' }),
  ]);
  assert.equal(lstatSync(join(layer, 'd')).mode & 0o7777, 0o711);
  assert.ok(existsSync(join(layer, 'd/a')));
  assert.ok(lstatSync(join(layer, 'x')).isDirectory());
  assert.equal(readFileSync(join(layer, 'y'), 'utf8'), 'file again');
});

test('AUFS metadata is skipped', async (t) => {
  const { layer } = await apply(t, [dir('.wh..wh.plnk/'), ent('.wh..wh.plnk/1.2', { body: 'x' }), ent('.wh..wh.aufs'), ent('a')]);
  assert.deepEqual(readdirSync(layer), ['a']);
});

test('size counts symlink targets in bytes and ignores directories', async (t) => {
  const { r } = await apply(t, [dir('d/'), sym('d/l', 'ünï'), ent('d/f', { body: '12345' })]);
  assert.equal(r.size, Buffer.byteLength('ünï') + 5);
});

test('large bodies stream in chunks', async (t) => {
  const chunks = Array.from({ length: 80 }, (_, i) => Buffer.alloc(65536, i));
  const { layer, r } = await apply(t, [ent('big', { body: chunks })]);
  const got = readFileSync(join(layer, 'big'));
  assert.equal(got.length, 80 * 65536);
  assert.equal(got[65536 * 79 + 5], 79);
  assert.equal(r.size, 80 * 65536);
});

test('a body stream error fails the layer', async (t) => {
  const { layer } = setup(t);
  const bad = ent('f', { size: 10 });
  bad.body = new Readable({ read() { this.destroy(new Error('truncated')); } });
  await assert.rejects(applyLayer(iter([bad]), layer), /truncated/);
});

// --- real GNU tar archives through readTar -----------------------------------------------------------------------

function gnuTar(cwd: string, args: string[]): Readable {
  const r = spawnSync('tar', args, { cwd, maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, r.stderr.toString());
  return Readable.from([r.stdout]);
}

test('a GNU tar archive of a tree round-trips: contents, links, fifo, xattrs, mtimes', async (t) => {
  const { layer, outside: src } = setup(t);
  mkdirSync(join(src, 'd/e'), { recursive: true });
  writeFileSync(join(src, 'd/e/f'), 'hello');
  spawnSync('ln', [join(src, 'd/e/f'), join(src, 'd/hard')]);
  spawnSync('ln', ['-s', '../outside/passwd', join(src, 'd/sym')]);
  spawnSync('mkfifo', [join(src, 'd/fifo')]);
  lsetxattr(join(src, 'd/e/f'), 'user.k', 'v');
  spawnSync('touch', ['-h', '-d', '2001-01-01T00:00:00Z', join(src, 'd/sym'), join(src, 'd/e')]);
  const r = await applyLayer(readTar(gnuTar(src, ['--xattrs', "--xattrs-include=user.*", '-cf', '-', 'd'])), layer);
  assert.equal(readFileSync(join(layer, 'd/e/f'), 'utf8'), 'hello');
  assert.equal(lstatSync(join(layer, 'd/hard')).ino, lstatSync(join(layer, 'd/e/f')).ino);
  assert.equal(readlinkSync(join(layer, 'd/sym')), '../outside/passwd');
  assert.ok(lstatSync(join(layer, 'd/fifo')).isFIFO());
  assert.equal(lstatSync(join(layer, 'd/sym')).mtime.toISOString(), '2001-01-01T00:00:00.000Z');
  assert.equal(lstatSync(join(layer, 'd/e')).mtime.toISOString(), '2001-01-01T00:00:00.000Z');
  assert.deepEqual(lgetxattr(join(layer, 'd/e/f'), 'user.k'), Buffer.from('v'));
  assert.equal(r.size, 5 + Buffer.byteLength('../outside/passwd'));
});

test('a GNU tar archive with a symlink then a file through it is refused', async (t) => {
  const { layer, outside } = setup(t);
  const work = mkdtempSync(join(tmpdir(), 'berth-apply-src-'));
  t.after(() => rmSync(work, { recursive: true, force: true }));
  spawnSync('ln', ['-s', outside, join(work, 'a')]);
  writeFileSync(join(work, 'payload'), 'owned');
  const archive = gnuTar(work, ['-cf', '-', '-P', '--transform', 's,^payload$,a/passwd,', 'a', 'payload']);
  await assert.rejects(applyLayer(readTar(archive), layer), { message: 'invalid tar entry "a/passwd": parent "a" is a symlink' });
  assertOutsideUntouched(outside);
});

test('a GNU tar archive with ../ names (tar -P) is refused', async (t) => {
  const { layer, outside } = setup(t);
  const archive = gnuTar(layer, ['-cf', '-', '-P', '../outside/passwd']);
  await assert.rejects(applyLayer(readTar(archive), layer), { message: 'invalid tar entry "../outside/passwd": path escapes the layer' });
  assertOutsideUntouched(outside);
});
