import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BAD, GoUtf8Decoder } from './go-utf8.js';

const decodeAll = (bytes: number[], cuts: number[] = []): string => {
  const d = new GoUtf8Decoder();
  const b = Buffer.from(bytes);
  let out = '';
  let from = 0;
  for (const c of [...cuts, b.length]) {
    out += d.decode(b.subarray(from, c));
    from = c;
  }
  return out + d.decode(Buffer.alloc(0), true);
};

test('valid UTF-8 decodes as it is, wherever the chunks cut it', () => {
  const text = 'añ€𝄞z';
  const bytes = [...Buffer.from(text)];
  for (let cut = 0; cut <= bytes.length; cut++) assert.equal(decodeAll(bytes, [cut]), text, `cut at ${cut}`);
  for (let a = 0; a <= bytes.length; a++) for (let b = a; b <= bytes.length; b++) assert.equal(decodeAll(bytes, [a, b]), text);
  // a real U+FFFD is a character like any other
  assert.equal(decodeAll([...Buffer.from('x\uFFFDy')]), 'x\uFFFDy');
});

test('every byte of a bad sequence is one error, as Go\'s utf8.DecodeRune counts them', () => {
  const cases: [number[], string][] = [
    [[0x78, 0xff, 0x79], `x${BAD}y`],
    // a three-byte character cut short by an ASCII byte: two errors (the WHATWG decoder makes one)
    [[0xe2, 0x82, 0x78], `${BAD}${BAD}x`],
    // a surrogate's encoding, an overlong slash, past U+10FFFF, a lone continuation byte
    [[0xed, 0xa0, 0x80], BAD.repeat(3)],
    [[0xc0, 0xaf], BAD.repeat(2)],
    [[0xf4, 0x90, 0x80, 0x80], BAD.repeat(4)],
    [[0x80, 0x61], `${BAD}a`],
    // cut short at the very end of the output
    [[0x61, 0xe2, 0x82], `a${BAD}${BAD}`],
  ];
  for (const [bytes, want] of cases) {
    for (let cut = 0; cut <= bytes.length; cut++) assert.equal(decodeAll(bytes, [cut]), want, `${Buffer.from(bytes).toString('hex')} cut at ${cut}`);
  }
});
