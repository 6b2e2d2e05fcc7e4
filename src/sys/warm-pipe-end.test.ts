import { test } from 'node:test';
import assert from 'node:assert/strict';
import { warmPipeEnd } from './warm-pipe-end.js';

/** The handles keeping this process alive (node's own count of them). */
const liveHandles = () => (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles().length;

test('warmPipeEnd: runs a socket to its end once, and leaves nothing open', async () => {
  const before = liveHandles();
  let ended = false;
  const done = warmPipeEnd().then(() => (ended = true));
  // it ends by itself, though nothing it opened holds the process open meanwhile
  await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error('warm-up did not end in 2 s')), 2000).unref())]);
  assert.ok(ended);
  // the last socket's handle is gone moments later
  for (let i = 0; i < 100 && liveHandles() > before; i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(liveHandles(), before);
  // once per process: a second call does nothing (and says it is over)
  const t0 = process.hrtime.bigint();
  await warmPipeEnd();
  assert.equal(liveHandles(), before);
  assert.ok(process.hrtime.bigint() - t0 < 50_000_000n);
});
