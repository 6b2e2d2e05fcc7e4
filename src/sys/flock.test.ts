import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { FileLock, useNativeFlock } from './flock.js';
import { isBerthError } from '../errors.js';

function scratch(t: TestContext): string {
  const d = mkdtempSync(join(tmpdir(), 'berth-flock-'));
  t.after(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

/** Exit status of another process trying the lock without waiting: 0 = got it, 75 = refused. */
function otherProcessTries(path: string, mode: '-s' | '-x'): number | null {
  return spawnSync('flock', [mode, '-n', '-E', '75', path, 'true']).status;
}

// Each behaviour holds both ways a lock is taken: the fs-ext binding first (falling back to the flock command when
// the lock is held), and the flock command alone (a machine where the addon did not build).
for (const [native, how] of [[true, 'binding first'], [false, 'flock command']] as const) {
  test(`an exclusive lock refuses other processes while held, even after the flock helper exited (${how})`, async (t) => {
    useNativeFlock(native);
    const path = join(scratch(t), 'lock');
    const lock = await FileLock.acquire(path, 'exclusive');
    assert.equal(otherProcessTries(path, '-x'), 75);
    assert.equal(otherProcessTries(path, '-s'), 75);
    await assert.rejects(FileLock.acquire(path, 'shared', { wait: false }), (e) => isBerthError(e, 'UNAVAILABLE'));
    await lock.release();
    assert.equal(otherProcessTries(path, '-x'), 0);
  });

  test(`shared locks coexist and keep exclusive ones out (${how})`, async (t) => {
    useNativeFlock(native);
    const path = join(scratch(t), 'lock');
    const a = await FileLock.acquire(path, 'shared');
    const b = await FileLock.acquire(path, 'shared', { wait: false });
    assert.equal(otherProcessTries(path, '-s'), 0);
    assert.equal(otherProcessTries(path, '-x'), 75);
    await a[Symbol.asyncDispose]();
    assert.equal(otherProcessTries(path, '-x'), 75);
    await b[Symbol.asyncDispose]();
    assert.equal(otherProcessTries(path, '-x'), 0);
  });

  test(`a waiting acquire blocks until the holder releases (${how})`, async (t) => {
    useNativeFlock(native);
    const path = join(scratch(t), 'lock');
    const held = await FileLock.acquire(path, 'exclusive');
    let got: FileLock | null = null;
    const waiting = FileLock.acquire(path, 'exclusive').then((l) => (got = l));
    await sleep(200);
    assert.equal(got, null);
    await held.release();
    await waiting;
    assert.ok(got !== null && (got as FileLock).held);
    await (got as FileLock).release();
  });

  test(`a waiting acquire can be aborted (${how})`, async (t) => {
    useNativeFlock(native);
    const path = join(scratch(t), 'lock');
    const held = await FileLock.acquire(path, 'exclusive');
    const ac = new AbortController();
    const waiting = FileLock.acquire(path, 'shared', { signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    await assert.rejects(waiting, { name: 'AbortError' });
    await held.release();
  });

  test(`does not open the lock file through a symlink (${how})`, async (t) => {
    useNativeFlock(native);
    const d = scratch(t);
    symlinkSync(join(d, 'real'), join(d, 'lock'));
    await assert.rejects(FileLock.acquire(join(d, 'lock'), 'exclusive'), { code: 'ELOOP' });
  });

  test(`the kernel releases the lock when the holder is SIGKILLed (${how})`, async (t) => {
    useNativeFlock(native);
    const path = join(scratch(t), 'lock');
    const mod = fileURLToPath(new URL('./flock.ts', import.meta.url));
    const code = `import { FileLock } from ${JSON.stringify(mod)};
      await FileLock.acquire(${JSON.stringify(path)}, 'exclusive');
      process.stdout.write('locked\\n');
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    t.after(() => child.kill('SIGKILL'));
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (b: Buffer) => b.toString().includes('locked') && resolve());
      child.once('exit', () => reject(new Error('holder exited early')));
    });
    assert.equal(otherProcessTries(path, '-x'), 75);
    await assert.rejects(FileLock.acquire(path, 'exclusive', { wait: false }), (e) => isBerthError(e, 'UNAVAILABLE'));
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    const lock = await FileLock.acquire(path, 'exclusive', { wait: false });
    await lock.release();
  });
}

/** Puts a `flock` running `script` first on PATH (in a scratch directory); returns the directory and PATH's restore. */
function stubFlock(t: TestContext, script: string): { dir: string; restore: () => void } {
  const dir = scratch(t);
  writeFileSync(join(dir, 'flock'), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
  const path = process.env.PATH;
  const restore = () => {
    process.env.PATH = path;
  };
  process.env.PATH = `${dir}:${path}`;
  t.after(restore);
  return { dir, restore };
}

test('a failing flock is reported in its own words (it first runs without a stderr pipe)', async (t) => {
  useNativeFlock(false);
  // A stand-in for util-linux flock on a filesystem without locks (NFS without lockd).
  const { dir: d } = stubFlock(t, 'echo "flock: 3: No locks available" >&2\nexit 1');
  await assert.rejects(
    FileLock.acquire(join(d, 'lock'), 'exclusive'),
    (e) => isBerthError(e, 'FAILED_PRECONDITION') && e.message === `lock ${join(d, 'lock')}: flock: 3: No locks available`,
  );
});

test('an uncontended lock is taken through the binding: no flock command runs', async (t) => {
  useNativeFlock(true);
  // a flock command that would fail, first on PATH: only the binding can have taken the lock
  const { dir: d, restore } = stubFlock(t, 'exit 1');
  const lock = await FileLock.acquire(join(d, 'lock'), 'exclusive');
  restore();
  assert.equal(otherProcessTries(join(d, 'lock'), '-x'), 75);
  await lock.release();
  assert.equal(otherProcessTries(join(d, 'lock'), '-x'), 0);
});
