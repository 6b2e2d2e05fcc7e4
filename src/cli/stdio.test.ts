import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const mod = fileURLToPath(new URL('./stdio.ts', import.meta.url));

/** Runs `body` in a child node (with watchStdio installed), its stdout and stderr pipes read by `read`. */
async function child(body: string, read: (out: NodeJS.ReadableStream) => Promise<string>) {
  const code = `import { watchStdio, exitWhenFlushed, stdioMade } from ${JSON.stringify(mod)};
    watchStdio();
    ${body}`;
  const p = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  p.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  const [out, status] = await Promise.all([read(p.stdout!), new Promise<number | null>((r) => p.once('exit', (c) => r(c)))]);
  return { out, err, status };
}

const readAll = async (s: NodeJS.ReadableStream) => {
  let n = '';
  for await (const b of s) n += b.toString();
  return n;
};

test('exitWhenFlushed exits only once a slow reader has taken all the output', async () => {
  const { out, status } = await child(
    `process.stdout.write('x'.repeat(3_000_000)); process.exitCode = 3; exitWhenFlushed();`,
    async (s) => {
      await sleep(300); // the pipe fills; node holds the rest
      return readAll(s);
    },
  );
  assert.equal(out.length, 3_000_000);
  assert.equal(status, 3);
});

test('exitWhenFlushed ends the process even with timers still pending', async () => {
  const { out, status } = await child(`setInterval(() => {}, 1000); process.stdout.write('done'); exitWhenFlushed();`, readAll);
  assert.equal(out, 'done');
  assert.equal(status, 0);
});

test('stdout and stderr are made only when first used', async () => {
  const { out, err, status } = await child(
    `const { writeSync } = await import('node:fs');
     const before = [stdioMade('stdout'), stdioMade('stderr')];
     process.stderr.write('');
     writeSync(1, JSON.stringify({ before, after: [stdioMade('stdout'), stdioMade('stderr')] }));
     exitWhenFlushed();`,
    readAll,
  );
  assert.equal(status, 0, err);
  assert.deepEqual(JSON.parse(out), { before: [false, false], after: [false, true] });
});
