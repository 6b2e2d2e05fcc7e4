import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeFileSync, removeLaidOutTree, removeTreeSync } from './remove-tree.js';

test('removes a tree of files, directories and links without following the links', (t) => {
  const d = mkdtempSync(join(tmpdir(), 'berth-rmtree-'));
  t.after(() => rmSync(d, { recursive: true, force: true }));
  const keep = join(d, 'keep');
  mkdirSync(join(keep, 'sub'), { recursive: true });
  writeFileSync(join(keep, 'sub', 'file'), 'x');
  const tree = join(d, 'tree');
  mkdirSync(join(tree, 'a', 'b', 'c'), { recursive: true });
  writeFileSync(join(tree, 'a', 'f'), 'x');
  writeFileSync(join(tree, 'a', 'b', 'c', 'g'), 'y');
  symlinkSync(keep, join(tree, 'a', 'dirlink'));
  symlinkSync('/nonexistent', join(tree, 'dangling'));
  removeTreeSync(tree);
  assert.equal(existsSync(tree), false);
  assert.deepEqual(readdirSync(join(keep, 'sub')), ['file']);
});

test('a missing path is not an error, and a file or link is removed itself', (t) => {
  const d = mkdtempSync(join(tmpdir(), 'berth-rmtree-'));
  t.after(() => rmSync(d, { recursive: true, force: true }));
  removeTreeSync(join(d, 'missing'));
  writeFileSync(join(d, 'file'), '');
  removeTreeSync(join(d, 'file'));
  mkdirSync(join(d, 'dir'));
  symlinkSync(join(d, 'dir'), join(d, 'link'));
  removeTreeSync(join(d, 'link'));
  assert.deepEqual(readdirSync(d), ['dir']);
});

test('removeFileSync: removes a file or a link (not what it points to); a missing path is no error, a directory is', () => {
  const d = mkdtempSync(join(tmpdir(), 'berth-rmfile-'));
  try {
    writeFileSync(join(d, 'target'), 'x');
    symlinkSync('target', join(d, 'link'));
    removeFileSync(join(d, 'link'));
    assert.ok(existsSync(join(d, 'target')), 'the link went, not its target');
    assert.ok(!existsSync(join(d, 'link')));
    removeFileSync(join(d, 'target'), true);
    assert.ok(!existsSync(join(d, 'target')));
    removeFileSync(join(d, 'gone'));
    removeFileSync(join(d, 'gone'), true);
    mkdirSync(join(d, 'dir'));
    assert.throws(() => removeFileSync(join(d, 'dir')), (e: NodeJS.ErrnoException) => e.code === 'EISDIR' || e.code === 'EPERM');
    assert.ok(existsSync(join(d, 'dir')));
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
});

test('removeLaidOutTree: the expected names go without a directory read; anything else is found and removed too', (t) => {
  const d = mkdtempSync(join(tmpdir(), 'berth-rmtree-'));
  t.after(() => rmSync(d, { recursive: true, force: true }));
  const keep = join(d, 'keep');
  mkdirSync(keep);
  writeFileSync(join(keep, 'file'), 'x');
  const tree = join(d, 'tree');
  // as expected, minus one file
  mkdirSync(join(tree, 'sub', 'empty'), { recursive: true });
  writeFileSync(join(tree, 'a'), '');
  writeFileSync(join(tree, 'sub', 'b'), '');
  removeLaidOutTree(tree, { a: null, missing: null, sub: { b: null, empty: {} } });
  assert.equal(existsSync(tree), false);
  // more than expected: extra files and directories, a directory where a file was expected, a link to keep
  mkdirSync(join(tree, 'sub', 'empty', 'deeper'), { recursive: true });
  writeFileSync(join(tree, 'sub', 'empty', 'deeper', 'f'), 'x');
  writeFileSync(join(tree, 'extra'), '');
  mkdirSync(join(tree, 'a', 'inside'), { recursive: true });
  symlinkSync(keep, join(tree, 'sub', 'link'));
  removeLaidOutTree(tree, { a: null, sub: { b: null, empty: {} } });
  assert.equal(existsSync(tree), false);
  assert.deepEqual(readdirSync(keep), ['file'], 'a link is removed, not followed');
  // a file where a directory was expected
  mkdirSync(tree);
  writeFileSync(join(tree, 'sub'), 'x');
  removeLaidOutTree(tree, { sub: { b: null } });
  assert.equal(existsSync(tree), false);
  // nothing there at all
  removeLaidOutTree(tree, { a: null, sub: {} });
});
