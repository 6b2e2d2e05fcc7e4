import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setAttributeSync } from '@napi-rs/xattr';
import { isBerthError } from '../../errors.js';
import type { TarEntry } from './entry.js';
import { readTar } from './read.js';
import { encodePaxRecord } from './pax.js';
import { encodeHeader } from './header-encode.js';
import { writeBase256 } from './numeric.js';

const isRoot = process.getuid?.() === 0;

/** A header block as GNU/POSIX tar would write it, with `patch` applied before the checksum is computed. */
function block(fields: { name: string; type?: string; size?: number; linkname?: string }, patch?: (b: Buffer) => void) {
  const b = Buffer.alloc(512);
  b.write(fields.name, 0, 'utf8');
  b.write('0000644\0', 100, 'latin1');
  b.write('0000000\0', 108, 'latin1');
  b.write('0000000\0', 116, 'latin1');
  b.write((fields.size ?? 0).toString(8).padStart(11, '0') + '\0', 124, 'latin1');
  b.write('14500000000\0', 136, 'latin1');
  b.write(fields.type ?? '0', 156, 'latin1');
  if (fields.linkname) b.write(fields.linkname, 157, 'utf8');
  b.write('ustar\x0000', 257, 'latin1');
  patch?.(b);
  return checksum(b);
}

function checksum(b: Buffer): Buffer {
  b.fill(0x20, 148, 156);
  let sum = 0;
  for (const x of b) sum += x;
  b.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
  return b;
}

function data(content: Buffer | string): Buffer {
  const buf = Buffer.from(content);
  return Buffer.concat([buf, Buffer.alloc((512 - (buf.length % 512)) % 512)]);
}

const END = Buffer.alloc(1024);

/** Splits into small chunks so headers and bodies straddle chunk boundaries. */
function streamOf(buf: Buffer, chunk = 100): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < buf.length; i += chunk) parts.push(buf.subarray(i, i + chunk));
  return Readable.from(parts, { objectMode: false });
}

async function readAll(input: Readable, opts?: Parameters<typeof readTar>[1]) {
  const out: Array<Omit<TarEntry, 'body'> & { content: Buffer }> = [];
  for await (const e of readTar(input, opts)) {
    const chunks: Buffer[] = [];
    for await (const c of e.body) chunks.push(c);
    const { body: _body, ...header } = e;
    out.push({ ...header, content: Buffer.concat(chunks) });
  }
  return out;
}

const tmp = () => mkdtempSync(join(tmpdir(), 'berth-tar-'));

test('ustar: prefix field, all entry types, file bodies', async () => {
  const long = `${'p'.repeat(120)}/${'n'.repeat(90)}`;
  const archive = Buffer.concat([
    block({ name: 'dir/', type: '5' }, (b) => b.write('0000755\0', 100, 'latin1')),
    block({ name: 'n'.repeat(90), size: 5 }, (b) => b.write('p'.repeat(120), 345, 'latin1')),
    data('hello'),
    block({ name: 'link', type: '1', linkname: 'dir/target' }),
    block({ name: 'sym', type: '2', linkname: '../x' }),
    block({ name: 'null', type: '3' }, (b) => b.write('0000001\0' + '0000003\0', 329, 'latin1')),
    block({ name: 'sda', type: '4' }, (b) => b.write('0000010\0' + '0000000\0', 329, 'latin1')),
    block({ name: 'fifo', type: '6' }),
    block({ name: 'contig', type: '7', size: 3 }),
    data('abc'),
    END,
  ]);
  const entries = await readAll(streamOf(archive));
  assert.deepEqual(
    entries.map((e) => [e.name, e.type, e.size, e.linkname, e.content.toString()]),
    [
      ['dir/', 'directory', 0, '', ''],
      [long, 'file', 5, '', 'hello'],
      ['link', 'link', 0, 'dir/target', ''],
      ['sym', 'symlink', 0, '../x', ''],
      ['null', 'char', 0, '', ''],
      ['sda', 'block', 0, '', ''],
      ['fifo', 'fifo', 0, '', ''],
      ['contig', 'file', 3, '', 'abc'],
    ],
  );
  assert.equal(entries[0].mode, 0o755);
  assert.deepEqual([entries[4].devmajor, entries[4].devminor], [1, 3]);
  assert.equal(entries[1].mtime.getTime(), 0o14500000000 * 1000);
});

test('v7 headers: no magic, NUL typeflag, trailing slash means directory', async () => {
  const v7 = (f: Parameters<typeof block>[0]) => block(f, (b) => b.fill(0, 257, 265));
  const archive = Buffer.concat([
    v7({ name: 'd/', type: '\0' }),
    v7({ name: 'd/f', type: '\0', size: 2 }),
    data('hi'),
    END,
  ]);
  const entries = await readAll(streamOf(archive));
  assert.deepEqual(entries.map((e) => [e.name, e.type, e.content.toString()]), [['d/', 'directory', ''], ['d/f', 'file', 'hi']]);
});

test('old GNU headers: base-256 numbers, long names and links, no prefix field', async () => {
  const gnu = (b: Buffer) => b.write('ustar  \0', 257, 'latin1');
  const longName = 'a/'.repeat(200) + 'file';
  const longLink = 'b/'.repeat(150) + 'target';
  const archive = Buffer.concat([
    block({ name: '././@LongLink', type: 'L', size: longName.length + 1 }, gnu),
    data(longName + '\0'),
    block({ name: '././@LongLink', type: 'K', size: longLink.length + 1 }, gnu),
    data(longLink + '\0'),
    block({ name: longName.slice(0, 100), type: '2' }, (b) => {
      gnu(b);
      b.fill(0x41, 345, 500); // atime/ctime/sparse area: never a prefix in GNU format
      writeBase256(b, 108, 8, 2 ** 40);
      writeBase256(b, 116, 8, 3_000_000_000);
      writeBase256(b, 136, 12, -86400);
    }),
    block({ name: 'big', size: 0 }, (b) => {
      gnu(b);
      b.fill(0, 124, 136);
      writeBase256(b, 124, 12, 700);
    }),
    data(Buffer.alloc(700, 7)),
    END,
  ]);
  const entries = await readAll(streamOf(archive, 333));
  assert.equal(entries.length, 2);
  assert.equal(entries[0].name, longName);
  assert.equal(entries[0].linkname, longLink);
  assert.equal(entries[0].uid, 2 ** 40);
  assert.equal(entries[0].gid, 3_000_000_000);
  assert.equal(entries[0].mtime.getTime(), -86400 * 1000);
  assert.equal(entries[1].size, 700);
  assert.deepEqual(entries[1].content, Buffer.alloc(700, 7));
});

test('pax: path, linkpath, size, ids, names, fractional mtime, binary xattrs, other records', async () => {
  const cap = Buffer.from('0100000200200000000000000000000000000000', 'hex');
  const weird = Buffer.from([0x00, 0x0a, 0xff, 0x3d, 0x20, 0x00]);
  const records = Buffer.concat([
    encodePaxRecord('path', 'ünï/' + 'x'.repeat(300)),
    encodePaxRecord('linkpath', 'y'.repeat(200)),
    encodePaxRecord('uid', '4000000000'),
    encodePaxRecord('gid', '5'),
    encodePaxRecord('uname', 'ûser'),
    encodePaxRecord('gname', 'grp'),
    encodePaxRecord('mtime', '1700000000.123456789'),
    encodePaxRecord('size', '4'),
    encodePaxRecord('SCHILY.xattr.security.capability', cap),
    encodePaxRecord('SCHILY.xattr.user.weird', weird),
    encodePaxRecord('SCHILY.xattr.user.empty', ''),
    encodePaxRecord(`LIBARCHIVE.xattr.user.a%3Db`, Buffer.from('aGk=')),
    encodePaxRecord('atime', '1700000001.5'),
  ]);
  const archive = Buffer.concat([
    block({ name: 'PaxHeaders.0/x', type: 'x', size: records.length }),
    data(records),
    block({ name: 'truncated-name', size: 0 }),
    data('data'),
    END,
  ]);
  const [e] = await readAll(streamOf(archive, 77));
  assert.equal(e.name, 'ünï/' + 'x'.repeat(300));
  assert.equal(e.linkname, 'y'.repeat(200));
  assert.equal(e.uid, 4000000000);
  assert.equal(e.gid, 5);
  assert.equal(e.uname, 'ûser');
  assert.equal(e.mtime.getTime(), 1700000000123);
  assert.equal(e.size, 4);
  assert.equal(e.content.toString(), 'data');
  assert.deepEqual(e.xattrs.get('security.capability'), cap);
  assert.deepEqual(e.xattrs.get('user.weird'), weird);
  assert.deepEqual(e.xattrs.get('user.empty'), Buffer.alloc(0));
  assert.deepEqual(e.xattrs.get('user.a=b'), Buffer.from('hi'));
  assert.deepEqual(e.pax?.get('atime'), Buffer.from('1700000001.5'));
});

test('pax global headers apply to every following entry; local records override them', async () => {
  const g = Buffer.concat([encodePaxRecord('uname', 'global'), encodePaxRecord('SCHILY.xattr.user.g', 'G')]);
  const x = encodePaxRecord('uname', 'local');
  const archive = Buffer.concat([
    block({ name: 'pax_global_header', type: 'g', size: g.length }),
    data(g),
    block({ name: 'a' }),
    block({ name: 'PaxHeaders/b', type: 'x', size: x.length }),
    data(x),
    block({ name: 'b' }),
    block({ name: 'c' }),
    END,
  ]);
  const entries = await readAll(streamOf(archive));
  assert.deepEqual(entries.map((e) => [e.name, e.uname, e.xattrs.get('user.g')?.toString()]), [
    ['a', 'global', 'G'],
    ['b', 'local', 'G'],
    ['c', 'global', 'G'],
  ]);
});

test('end of archive: two zero blocks, one zero block, or a clean EOF at a block boundary', async () => {
  const one = Buffer.concat([block({ name: 'f', size: 1 }), data('x')]);
  for (const tail of [END, Buffer.alloc(512), Buffer.alloc(0), Buffer.alloc(10240)]) {
    const archive = Buffer.concat([one, tail]);
    const reader = readTar(streamOf(archive));
    const names: string[] = [];
    for await (const e of reader) names.push(e.name);
    assert.deepEqual(names, ['f']);
    assert.equal(reader.bytesRead, archive.length, 'the whole input is consumed');
  }
  const trailingGarbage = Buffer.concat([one, END, Buffer.from('not tar data at all')]);
  const reader = readTar(streamOf(trailingGarbage));
  for await (const _ of reader);
  assert.equal(reader.bytesRead, trailingGarbage.length);
});

test('truncated archives throw DATA_LOSS', async () => {
  const full = Buffer.concat([block({ name: 'f', size: 1000 }), data(Buffer.alloc(1000, 1)), END]);
  for (const cut of [100, 512, 700, 1024, 1512 - 1]) {
    await assert.rejects(readAll(streamOf(full.subarray(0, cut))), (e) => isBerthError(e, 'DATA_LOSS') && /unexpected EOF in tar archive/.test(e.message), `cut at ${cut}`);
    // Skipping the body instead of reading it fails the same way.
    await assert.rejects(async () => {
      for await (const _ of readTar(streamOf(full.subarray(0, cut))));
    }, /unexpected EOF/);
  }
  const paxOnly = Buffer.concat([block({ name: 'x', type: 'x', size: 9 }), data('9 path=a\n')]);
  await assert.rejects(readAll(streamOf(paxOnly)), /unexpected EOF/);
});

test('a truncated body errors the body stream a consumer is piping', async () => {
  const cut = Buffer.concat([block({ name: 'f', size: 5000 }), Buffer.alloc(3000)]);
  let bodyError: unknown;
  await assert.rejects(async () => {
    for await (const e of readTar(streamOf(cut, 1000))) {
      try {
        for await (const _ of e.body);
      } catch (err) {
        bodyError = err;
        throw err;
      }
    }
  }, /unexpected EOF/);
  assert.ok(isBerthError(bodyError, 'DATA_LOSS'));
});

test('malformed headers throw INVALID_ARGUMENT with the offset', async () => {
  const good = block({ name: 'f', size: 1 });
  const bad = Buffer.from(good);
  bad[0] = 0x67;
  await assert.rejects(readAll(streamOf(Buffer.concat([good, data('x'), bad, END]))), (e) =>
    isBerthError(e, 'INVALID_ARGUMENT') && /invalid tar header at offset 1024: checksum mismatch/.test(e.message),
  );
  const badSize = block({ name: 'f' }, (b) => b.write('0000000009x\0', 124, 'latin1'));
  await assert.rejects(readAll(streamOf(Buffer.concat([badSize, END]))), /offset 0: malformed size field/);
  const badPax = block({ name: 'x', type: 'x', size: 6 });
  await assert.rejects(readAll(streamOf(Buffer.concat([badPax, data('7 a=b\n'), block({ name: 'f' }), END]))), /malformed pax record/);
  const zeroThenData = Buffer.concat([Buffer.alloc(512), good, data('x'), END]);
  await assert.rejects(readAll(streamOf(zeroThenData)), /offset 512: header after an end-of-archive block/);
});

test('signed checksums (old tars) are accepted', async () => {
  const b = block({ name: 'é', size: 0 });
  b.fill(0x20, 148, 156);
  let signed = 0;
  for (const x of b) signed += x > 127 ? x - 256 : x;
  b.write(signed.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
  const entries = await readAll(streamOf(Buffer.concat([b, END])));
  assert.equal(entries[0].name, 'é');
});

test('limits: oversized pax and long-name data are refused before being buffered', async () => {
  const big = Buffer.concat([block({ name: 'x', type: 'x', size: 2 << 20 }), data(Buffer.alloc(2 << 20)), END]);
  await assert.rejects(readAll(streamOf(big, 65536)), /pax header of 2097152 bytes exceeds the limit/);
  const name = Buffer.concat([block({ name: '././@LongLink', type: 'L', size: 5000 }), data('a'.repeat(5000)), END]);
  await assert.rejects(readAll(streamOf(name), { limits: { maxLongNameSize: 4096 } }), /GNU long name of 5000 bytes exceeds/);
  const many = [];
  const rec = encodePaxRecord('comment', 'c'.repeat(588));
  for (let i = 0; i < 3; i++) many.push(block({ name: 'x', type: 'x', size: rec.length }), data(rec));
  await assert.rejects(readAll(streamOf(Buffer.concat([...many, block({ name: 'f' }), END])), { limits: { maxPaxSize: 1500 } }), /exceeds the limit/);
});

test('unsupported types: GNU sparse throws by default, skip drops it with its data', async () => {
  const archive = Buffer.concat([block({ name: 'sparse', type: 'S', size: 3 }), data('abc'), block({ name: 'after', size: 1 }), data('z'), END]);
  await assert.rejects(readAll(streamOf(archive)), /unsupported entry type 'S' \(GNU sparse file\) for "sparse"/);
  const entries = await readAll(streamOf(archive), { unsupported: 'skip' });
  assert.deepEqual(entries.map((e) => [e.name, e.content.toString()]), [['after', 'z']]);
  const volume = Buffer.concat([block({ name: 'label', type: 'V' }), block({ name: 'f' }), END]);
  assert.deepEqual((await readAll(streamOf(volume))).map((e) => e.name), ['f']);
});

test('bodies: skipped when unread, partially read then skipped, readable while piped, stale after advancing', async () => {
  const parts = [];
  for (let i = 0; i < 6; i++) parts.push(block({ name: `f${i}`, size: 3000 }), data(Buffer.alloc(3000, i)));
  const archive = Buffer.concat([...parts, END]);
  const seen: string[] = [];
  let stale: TarEntry | undefined;
  let f4 = Promise.resolve(false);
  for await (const e of readTar(streamOf(archive, 1000))) {
    if (e.name === 'f1') {
      for await (const c of e.body) {
        assert.equal(c[0], 1);
        break; // destroys the body after one chunk
      }
    } else if (e.name === 'f2') {
      e.body.once('data', () => e.body.pause()); // attached, then paused: the reader still moves on
      stale = e;
    } else if (e.name === 'f3') {
      const chunks: Buffer[] = [];
      for await (const c of e.body) chunks.push(c);
      assert.deepEqual(Buffer.concat(chunks), Buffer.alloc(3000, 3));
    } else if (e.name === 'f4') {
      // started but not awaited: the reader waits until everything was handed to the stream
      const collected: Buffer[] = [];
      e.body.on('data', (c: Buffer) => collected.push(c));
      f4 = new Promise((resolve) => e.body.on('end', () => resolve(Buffer.concat(collected).equals(Buffer.alloc(3000, 4)))));
    }
    seen.push(e.name);
  }
  assert.deepEqual(seen, ['f0', 'f1', 'f2', 'f3', 'f4', 'f5']);
  assert.equal(await f4, true);
  assert.ok(stale);
});

test('a body accessed after the iterator moved on is already closed', async () => {
  const archive = Buffer.concat([block({ name: 'a', size: 5 }), data('hello'), block({ name: 'b' }), END]);
  const kept: TarEntry[] = [];
  for await (const e of readTar(streamOf(archive))) kept.push(e);
  assert.equal(kept[0].body.destroyed, true);
});

test('breaking out of the loop destroys the input', async () => {
  const archive = Buffer.concat([block({ name: 'a' }), block({ name: 'b' }), END]);
  const input = streamOf(archive);
  for await (const _ of readTar(input)) break;
  assert.equal(input.destroyed, true);
});

test('input errors surface from the iterator', async () => {
  const input = new Readable({ read() {} });
  input.push(block({ name: 'a', size: 10000 }));
  setTimeout(() => input.destroy(new Error('boom')), 5);
  await assert.rejects(readAll(input), /boom/);
});

function gnuTar(args: string[], cwd: string): boolean {
  const r = spawnSync('tar', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tar ${args.join(' ')}: ${r.stderr}`);
  return true;
}

test('archives written by GNU tar (gnu, posix, ustar formats)', async (t) => {
  if (spawnSync('tar', ['--version']).status !== 0) return t.skip('GNU tar is not installed');
  const dir = tmp();
  try {
    const root = join(dir, 'root');
    const deep = join(root, ...Array.from({ length: 6 }, (_, i) => `${String(i).repeat(50)}`));
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(root, 'a.txt'), 'hello\n');
    writeFileSync(join(deep, 'deep-file.txt'), Buffer.alloc(70000, 0x61));
    writeFileSync(join(root, 'f'.repeat(120)), 'long leaf name');
    symlinkSync('t/'.repeat(80) + 'target', join(root, 'longlink'));
    linkSync(join(root, 'a.txt'), join(root, 'hard.txt'));
    spawnSync('mkfifo', [join(root, 'fifo')]);
    if (isRoot) spawnSync('mknod', [join(root, 'null'), 'c', '1', '3']);
    const cap = Buffer.from('0100000200200000000000000000000000000000', 'hex');
    const bin = Buffer.from([0x00, 0xff, 0x0a, 0x3d, 0x20]);
    let xattrs = true;
    try {
      setAttributeSync(join(root, 'a.txt'), 'user.bin', bin);
      if (isRoot) setAttributeSync(join(root, 'a.txt'), 'security.capability', cap);
    } catch {
      xattrs = false;
      t.diagnostic('user xattrs unsupported on the temp filesystem: xattr checks skipped');
    }

    for (const format of ['gnu', 'posix'] as const) {
      const out = join(dir, `${format}.tar`);
      gnuTar(['-cf', out, `--format=${format}`, ...(format === 'posix' ? ['--xattrs', '--xattrs-include=*'] : []), '-C', root, '.'], dir);
      const listing = spawnSync('tar', ['-tf', out], { encoding: 'utf8' }).stdout.trim().split('\n');
      const reader = readTar(createReadStream(out));
      const entries = new Map<string, Omit<TarEntry, 'body'> & { sha: string }>();
      for await (const e of reader) {
        const h = createHash('sha256');
        for await (const c of e.body) h.update(c);
        entries.set(e.name, { ...e, sha: h.digest('hex') });
      }
      assert.equal(reader.bytesRead, readFileSync(out).length, `${format}: whole archive consumed`);
      assert.deepEqual([...entries.keys()], listing, `${format}: same names as tar -t`);
      const deepName = `./${deep.slice(root.length + 1)}/deep-file.txt`;
      assert.ok(deepName.length > 255);
      assert.equal(entries.get(deepName)?.size, 70000);
      assert.equal(entries.get(deepName)?.sha, createHash('sha256').update(Buffer.alloc(70000, 0x61)).digest('hex'));
      assert.equal(entries.get(`./${'f'.repeat(120)}`)?.type, 'file');
      assert.equal(entries.get('./longlink')?.linkname, 't/'.repeat(80) + 'target');
      assert.equal(entries.get('./longlink')?.type, 'symlink');
      const links = [...entries.values()].filter((e) => e.type === 'link');
      assert.equal(links.length, 1);
      assert.ok(['./a.txt', './hard.txt'].includes(links[0].linkname));
      assert.equal(entries.get('./fifo')?.type, 'fifo');
      if (isRoot) assert.deepEqual([entries.get('./null')?.type, entries.get('./null')?.devmajor, entries.get('./null')?.devminor], ['char', 1, 3]);
      const a = entries.get('./a.txt')!.type === 'file' ? entries.get('./a.txt')! : entries.get('./hard.txt')!;
      assert.equal(a.sha, createHash('sha256').update('hello\n').digest('hex'));
      if (format === 'posix' && xattrs) {
        assert.deepEqual(a.xattrs.get('user.bin'), bin);
        if (isRoot) assert.deepEqual(a.xattrs.get('security.capability'), cap);
      }
    }

    const ustarRoot = join(dir, 'ustar');
    const pq = `${'p'.repeat(60)}/${'q'.repeat(60)}`;
    mkdirSync(join(ustarRoot, pq), { recursive: true });
    writeFileSync(join(ustarRoot, pq, 'n'.repeat(90)), 'x');
    gnuTar(['-cf', join(dir, 'ustar.tar'), '--format=ustar', '-C', ustarRoot, '.'], dir);
    const names = (await readAll(createReadStream(join(dir, 'ustar.tar')))).map((e) => e.name);
    assert.deepEqual(names, ['./', `./${'p'.repeat(60)}/`, `./${pq}/`, `./${pq}/${'n'.repeat(90)}`]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('GNU tar sparse files are refused with a clear message', async (t) => {
  if (spawnSync('tar', ['--version']).status !== 0) return t.skip('GNU tar is not installed');
  const dir = tmp();
  try {
    spawnSync('truncate', ['-s', '10M', join(dir, 'holes')]);
    writeFileSync(join(dir, 'after'), 'z');
    for (const format of ['gnu', 'posix']) {
      gnuTar(['-cf', join(dir, 's.tar'), '--sparse', `--format=${format}`, 'holes', 'after'], dir);
      await assert.rejects(readAll(createReadStream(join(dir, 's.tar'))), /GNU sparse file/);
      const kept = await readAll(createReadStream(join(dir, 's.tar')), { unsupported: 'skip' });
      assert.deepEqual(kept.map((e) => e.name), ['after'], format);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('GNU tar base-256 ids and a 2 MiB file under gnu format', async (t) => {
  if (spawnSync('tar', ['--version']).status !== 0) return t.skip('GNU tar is not installed');
  const dir = tmp();
  try {
    writeFileSync(join(dir, 'f'), Buffer.alloc(2 << 20, 9));
    gnuTar(['-cf', join(dir, 'big.tar'), '--format=gnu', '--owner=4000000000', '--group=3000000', '-C', dir, 'f'], dir);
    const [e] = await readAll(createReadStream(join(dir, 'big.tar')));
    assert.equal(e.uid, 4000000000);
    assert.equal(e.gid, 3000000);
    assert.equal(e.content.length, 2 << 20);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('reads the first entries of the debian rootfs bench archive', async (t) => {
  const path = '/tmp/berth-bench/debian-rootfs.tar';
  if (!existsSync(path)) return t.skip(`${path} is absent`);
  const input = createReadStream(path);
  const names: string[] = [];
  for await (const e of readTar(input)) {
    names.push(e.name);
    if (e.type === 'file' && e.size > 0 && e.size < 100000) {
      const chunks: Buffer[] = [];
      for await (const c of e.body) chunks.push(c);
      assert.equal(Buffer.concat(chunks).length, e.size);
    }
    if (names.length === 200) break;
  }
  const expected = spawnSync('tar', ['-tf', path], { encoding: 'utf8', maxBuffer: 64 << 20 }).stdout.split('\n').slice(0, 200);
  assert.deepEqual(names, expected);
});

test('encodeHeader output reads back (sanity link between the two halves)', async () => {
  const h = encodeHeader({
    name: 'x',
    type: 'file',
    mode: 0o600,
    uid: 1,
    gid: 2,
    size: 0,
    mtime: new Date(1000),
    linkname: '',
    uname: 'u',
    gname: 'g',
    devmajor: 0,
    devminor: 0,
    xattrs: new Map(),
  });
  const [e] = await readAll(streamOf(Buffer.concat([h, END])));
  assert.deepEqual([e.name, e.mode, e.uid, e.gid, e.uname, e.gname, e.mtime.getTime()], ['x', 0o600, 1, 2, 'u', 'g', 1000]);
});
