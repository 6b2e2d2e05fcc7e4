import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSONProgressWriter, progressString } from './json-progress.js';

function sink(columns?: number) {
  const chunks: string[] = [];
  return { out: { columns, write: (s: string) => (chunks.push(s), true) } as unknown as NodeJS.WritableStream & { columns?: number }, text: () => chunks.join('') };
}

test('progress strings as Docker draws them (captured from docker pull on a 120-column terminal)', () => {
  assert.equal(progressString({ current: 3678, total: 200300 }, 120), '[>                                                  ]  3.678kB/200.3kB');
  assert.equal(progressString({ current: 300300, total: 300300 }, 120), '[==================================================>]  300.3kB/300.3kB');
  assert.equal(progressString({ current: 32770, total: 300300 }, 120), '[=====>                                             ]  32.77kB/300.3kB');
  // Narrow terminals get no bar; a current beyond the total shows alone (push of compressed bytes).
  assert.equal(progressString({ current: 3678, total: 200300 }, 80), ' 3.678kB/200.3kB');
  assert.equal(progressString({ current: 301600, total: 300000 }, 120), '[==================================================>]  301.6kB');
  assert.equal(progressString({ current: 0, total: 0 }, 120), '');
});

test('a terminal gets one line per ID, redrawn with cursor moves', () => {
  const s = sink(120);
  const w = new JSONProgressWriter(s.out, true);
  w.message('Pulling from probe/small', 'v1');
  w.update('1f6aa698cb93', 'Pulling fs layer');
  w.update('3d692e8f7053', 'Pulling fs layer');
  w.update('1f6aa698cb93', 'Download complete');
  assert.equal(
    s.text(),
    'v1: Pulling from probe/small\n' +
      '\n\x1b[1A\x1b[2K\r1f6aa698cb93: Pulling fs layer \r\x1b[1B' +
      '\n\x1b[1A\x1b[2K\r3d692e8f7053: Pulling fs layer \r\x1b[1B' +
      '\x1b[2A\x1b[2K\r1f6aa698cb93: Download complete \r\x1b[2B',
  );
});

test('elsewhere every status is a plain line and byte counts are left out', () => {
  const s = sink();
  const w = new JSONProgressWriter(s.out, false);
  w.update('1f6aa698cb93', 'Pulling fs layer');
  w.update('1f6aa698cb93', 'Downloading', { current: 10, total: 100 });
  w.update('1f6aa698cb93', 'Pull complete');
  w.message('Digest: sha256:00');
  assert.equal(s.text(), '1f6aa698cb93: Pulling fs layer\n1f6aa698cb93: Pull complete\nDigest: sha256:00\n');
});
