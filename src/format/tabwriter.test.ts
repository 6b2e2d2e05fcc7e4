import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TabWriter, tabulate } from './tabwriter.js';

test('Docker table settings: min width 10, padding 3, last cell unpadded (real docker images output)', () => {
  const text =
    'REPOSITORY\tTAG\tIMAGE ID\tSIZE\n' +
    'bench/app\t1\t01d1045bd2a6\t199MB\n' +
    'bench/debian\tbookworm\t4c5cb8d909e9\t199MB\n';
  assert.equal(
    tabulate(text),
    'REPOSITORY     TAG        IMAGE ID       SIZE\n' +
      'bench/app      1          01d1045bd2a6   199MB\n' +
      'bench/debian   bookworm   4c5cb8d909e9   199MB\n',
  );
});

test('a trailing tab makes the last column padded (docker images --format "table {{.ID}}\\t")', () => {
  assert.equal(tabulate('IMAGE ID\t\n01d1045bd2a6\t\n'), 'IMAGE ID       \n01d1045bd2a6   \n');
});

test('widths count runes, not bytes (Docker 20.10 uses text/tabwriter)', () => {
  assert.equal(tabulate('日本語TAG\tIMAGE ID\n日本語bookworm\t4c5cb8d909e9\n'), '日本語TAG        IMAGE ID\n日本語bookworm   4c5cb8d909e9\n');
});

test('a column block ends at a line with fewer cells', () => {
  // Expected output from Go's text/tabwriter with (0, 8, 1, ' ', 0).
  const opts = { minWidth: 0, tabWidth: 8, padding: 1, padChar: ' ' };
  assert.equal(tabulate('aaaa\tbbb\td\naa\tb\tdd\na\naa\tcccc\teee\n', opts), 'aaaa bbb d\naa   b   dd\na\naa cccc eee\n');
});

test('text without a final newline stays the last, unpadded cell; flush resets (outputs from Go)', () => {
  const w = new TabWriter();
  w.write('a\tb\nlonger-cell\t');
  w.write('c');
  assert.equal(w.flush(), 'a             b\nlonger-cell   c');
  w.write('x\ty\n');
  assert.equal(w.flush(), 'x         y\n');
});

test('\\f ends all columns; alignRight, padChar and debug flags work as in Go (outputs from Go)', () => {
  assert.equal(tabulate('a\tb\n\fccccc\td\n', { minWidth: 0, padding: 1 }), 'a b\n\nccccc d\n');
  assert.equal(tabulate('a\tbb\nccc\td\n', { minWidth: 0, padding: 1, alignRight: true }), '   abb\n cccd\n');
  assert.equal(tabulate('a\tb\nccc\td\n', { minWidth: 5, padding: 1, padChar: '.' }), 'a....b\nccc..d\n');
  assert.equal(tabulate('a\tb\tc\n', { minWidth: 0, padding: 1, debug: true }), 'a |b |c\n');
});
