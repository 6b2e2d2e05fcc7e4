import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodePaxRecord, encodePaxRecords, formatPaxTime, parsePaxRecords, parsePaxTime } from './pax.js';

test('record lengths count themselves, across digit boundaries', () => {
  assert.equal(encodePaxRecord('path', 'a').toString(), '9 path=a\n');
  assert.equal(encodePaxRecord('path', 'abcdefghij').toString(), '19 path=abcdefghij\n');
  for (let n = 0; n < 1100; n++) {
    const rec = encodePaxRecord('k', 'x'.repeat(n));
    assert.equal(Number(rec.toString().split(' ')[0]), rec.length, `value of ${n} bytes`);
  }
});

test('records parse back, binary values byte-exact, later records win', () => {
  const bin = Buffer.from([0x01, 0x00, 0x00, 0x02, 0x0a, 0x3d, 0xff, 0x20]);
  const data = Buffer.concat([
    encodePaxRecord('path', 'first'),
    encodePaxRecord('SCHILY.xattr.security.capability', bin),
    encodePaxRecord('path', 'ünïcode/ß'),
  ]);
  const m = parsePaxRecords(data);
  assert.ok(m instanceof Map);
  assert.equal(m.get('path')!.toString(), 'ünïcode/ß');
  assert.deepEqual(m.get('SCHILY.xattr.security.capability'), bin);
});

test('malformed records are reported', () => {
  for (const bad of ['5 a=b\n', '13 path=abc\n', 'x path=a\n', '9 =value\n', '10 path=ab', '11 path=a\0\n']) {
    assert.equal(typeof parsePaxRecords(Buffer.from(bad)), 'string', JSON.stringify(bad));
  }
  assert.ok(parsePaxRecords(Buffer.from('9 path=a\n\0\0\0')) instanceof Map);
  assert.ok(parsePaxRecords(Buffer.from('10 gid=0\0\n')) instanceof Map);
});

test('encodePaxRecords sorts keys by bytes', () => {
  const out = encodePaxRecords(new Map<string, string>([['uid', '1'], ['SCHILY.xattr.b', 'x'], ['path', 'p'], ['SCHILY.xattr.a', 'y']]));
  assert.deepEqual(
    out.toString().trim().split('\n').map((r) => r.split(' ')[1].split('=')[0]),
    ['SCHILY.xattr.a', 'SCHILY.xattr.b', 'path', 'uid'],
  );
});

test('pax times: fractions, negatives, ms precision', () => {
  assert.equal(parsePaxTime('1350244992.023960108'), 1350244992023);
  assert.equal(parsePaxTime('1350244992'), 1350244992000);
  assert.equal(parsePaxTime('1350244992.3'), 1350244992300);
  assert.equal(parsePaxTime('-1.5'), -1500);
  assert.equal(parsePaxTime('0.'), 0);
  assert.ok(Number.isNaN(parsePaxTime('12a')));
  assert.ok(Number.isNaN(parsePaxTime('')));
  assert.equal(formatPaxTime(1350244992000), '1350244992');
  assert.equal(formatPaxTime(1350244992300), '1350244992.3');
  assert.equal(formatPaxTime(1350244992023), '1350244992.023');
  assert.equal(formatPaxTime(-1500), '-1.5');
  assert.equal(formatPaxTime(-2000), '-2');
});
