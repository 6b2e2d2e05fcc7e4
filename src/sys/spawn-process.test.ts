import { test } from 'node:test';
import assert from 'node:assert/strict';
import { directBindings, spawnProcess, spawnedDirectly, type SpawnedProcess, type StdioMode } from './spawn-process.js';

type Outcome = { code: number | null; signal: NodeJS.Signals | null; out: string; err: string };

/** Runs `args` to its end, collecting both pipes. */
function collect(p: SpawnedProcess): Promise<Outcome> {
  const parts = { out: [] as Buffer[], err: [] as Buffer[] };
  const ended = [p.stdout, p.stderr].map(
    (s, i) =>
      new Promise<void>((resolve) => {
        if (!s) return resolve();
        s.on('data', (b: Buffer) => (i === 0 ? parts.out : parts.err).push(b));
        s.on('close', () => resolve());
      }),
  );
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    p.once('exit', (code, signal) => resolve({ code, signal }));
    p.once('error', reject);
  });
  return Promise.all([exited, ...ended]).then(([e]) => ({ ...e, out: Buffer.concat(parts.out).toString(), err: Buffer.concat(parts.err).toString() }));
}

const piped: [StdioMode, StdioMode, StdioMode] = ['ignore', 'pipe', 'pipe'];

test('spawnProcess: node 20 has the bindings it uses', () => {
  assert.notEqual(directBindings(), null);
  assert.equal(spawnedDirectly(spawnProcess('/bin/true', [], { stdio: piped })), true);
  assert.equal(spawnedDirectly(spawnProcess('/bin/true', [], { stdio: piped, viaChildProcess: true })), false);
});

for (const viaChildProcess of [false, true]) {
  const how = viaChildProcess ? 'child_process' : 'bindings';
  const spawn = (file: string, args: string[], stdio = piped, cwd?: string) => spawnProcess(file, args, { stdio, cwd, viaChildProcess });

  test(`spawnProcess (${how}): both pipes, the exit code, the environment and cwd`, async () => {
    process.env.BERTH_SPAWN_TEST = 'from the parent';
    try {
      const p = spawn('/bin/sh', ['-c', 'printf "%s|%s" "$BERTH_SPAWN_TEST" "$(pwd)"; printf oops >&2; exit 3'], piped, '/tmp');
      assert.equal(typeof p.pid, 'number');
      assert.deepEqual(await collect(p), { code: 3, signal: null, out: 'from the parent|/tmp', err: 'oops' });
    } finally {
      delete process.env.BERTH_SPAWN_TEST;
    }
  });

  test(`spawnProcess (${how}): a megabyte of output arrives whole`, async () => {
    const r = await collect(spawn('/bin/sh', ['-c', 'head -c 1048576 /dev/zero | tr "\\0" x']));
    assert.equal(r.code, 0);
    assert.equal(r.out.length, 1048576);
    assert.match(r.out, /^x+$/);
  });

  test(`spawnProcess (${how}): kill() signals the child, and the exit says which signal`, async () => {
    const p = spawn('/bin/sleep', ['30']);
    const r = collect(p);
    assert.equal(p.kill('SIGTERM'), true);
    assert.deepEqual(await r, { code: null, signal: 'SIGTERM', out: '', err: '' });
  });

  test(`spawnProcess (${how}): destroying a pipe breaks it for the child`, async () => {
    // `yes` writes forever: it ends only when a write fails. A socketpair closed with unread data in it answers the
    // next write with ECONNRESET (yes says so and exits 1); closed empty, with EPIPE and SIGPIPE (yes dies of it).
    const p = spawn('/usr/bin/yes', []);
    let err = '';
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => p.once('exit', (code, signal) => resolve({ code, signal })));
    p.stdout!.on('data', () => p.stdout!.destroy());
    p.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    const r = await exited;
    const broke = r.signal === 'SIGPIPE' || (r.code === 1 && /standard output: (Connection reset by peer|Broken pipe)/.test(err));
    assert.ok(broke, JSON.stringify({ ...r, err }));
  });

  test(`spawnProcess (${how}): a piped stdin is held open, never ended`, async () => {
    // `cat` would end at once on an ended stdin; it is still there until killed
    const p = spawn('/bin/cat', [], ['pipe', 'pipe', 'pipe']);
    const r = collect(p);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(p.kill('SIGKILL'), true);
    assert.deepEqual(await r, { code: null, signal: 'SIGKILL', out: '', err: '' });
  });

  test(`spawnProcess (${how}): a missing program is an 'error' with node's code`, async () => {
    const p = spawn('/nonexistent/berth-test', []);
    const e = await new Promise<NodeJS.ErrnoException>((resolve) => p.once('error', resolve));
    assert.equal(e.code, 'ENOENT');
    assert.equal(e.syscall, 'spawn /nonexistent/berth-test');
  });

  test(`spawnProcess (${how}): nothing is left open once the child is gone`, async () => {
    const handles = () => (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles().length;
    // what earlier tests started is closing still: wait until the count holds
    let before = handles();
    for (let i = 0; i < 100; i++) {
      await new Promise((r) => setTimeout(r, 20));
      if (handles() === before) break;
      before = handles();
    }
    await collect(spawn('/bin/true', [], ['pipe', 'pipe', 'pipe']));
    for (let i = 0; i < 100 && handles() > before; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(handles(), before);
  });
}
