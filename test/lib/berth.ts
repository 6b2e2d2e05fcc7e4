// What integration tests share: run bin/berth against a private store, skip with a printed reason where root or a
// kernel feature is missing (a failure under BERTH_REQUIRE_ROOT=1, as CI sets), and make small rootfs tarballs.

import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync, copyFileSync, symlinkSync, writeFileSync, existsSync, readdirSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestContext } from 'node:test';
import { execRootOf } from '../../src/container/store.js';

export const REPO = resolve(import.meta.dirname, '../..');
export const BERTH = join(REPO, 'bin/berth');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  input?: string | Buffer;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs?: number;
}

/** A private store root for one test; removed by cleanup(). */
export class TestStore {
  readonly root: string;
  constructor(prefix = 'berth-test-') {
    this.root = mkdtempSync(join(tmpdir(), prefix));
  }

  /** Runs `berth --root ROOT ...args` to completion. */
  run(args: string[], opts: RunOptions = {}): Promise<RunResult> {
    return runCommand(BERTH, ['--root', this.root, ...args], opts);
  }

  /** Like run(), but fails the test unless the exit code is 0; returns stdout. */
  async ok(args: string[], opts: RunOptions = {}): Promise<string> {
    const r = await this.run(args, opts);
    if (r.code !== 0) throw new Error(`berth ${args.join(' ')} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
    return r.stdout;
  }

  /** The store's exec root (the runtime's state and pid files, on /run: src/container/store.ts). */
  get execRoot(): string {
    return execRootOf(this.root);
  }

  cleanup(): void {
    // Unmount anything a failed test left mounted under the root before removing it.
    spawnSync('sh', ['-c', `grep -o " ${this.root}[^ ]*" /proc/self/mountinfo | sort -r | xargs -r -n1 umount -l`]);
    const execRoot = this.execRoot;
    rmSync(this.root, { recursive: true, force: true });
    rmSync(execRoot, { recursive: true, force: true });
  }
}

/** What a spawned child with piped stdout and stderr printed, and its code (128 + 9 when killed), once it closes. */
export function collect(child: ChildProcess): Promise<RunResult> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout!.on('data', (b: Buffer) => out.push(b));
  child.stderr!.on('data', (b: Buffer) => err.push(b));
  return new Promise((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolvePromise({
        code: code ?? (signal ? 128 + 9 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}

export function runCommand(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const so: SpawnOptions = { env: { ...process.env, ...opts.env }, cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] };
  const child = spawn(cmd, args, so);
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
  child.stdin!.on('error', () => {});
  child.stdin!.end(opts.input ?? '');
  return collect(child).finally(() => clearTimeout(timer));
}

export const isRoot = () => process.getuid?.() === 0;

/**
 * Waits (bounded: 20 s) until process `pid` has the file `path` open: the moment a follower (attach, logs -f) has
 * taken its starting point, so a test need not guess how long a loaded machine takes to get there.
 */
export async function waitForOpenFile(pid: number, path: string): Promise<void> {
  const fds = `/proc/${pid}/fd`;
  for (let i = 0; i < 400; i++) {
    let open: string[] = [];
    try {
      open = readdirSync(fds);
    } catch {
      // not started yet, or gone (the wait below runs out)
    }
    for (const fd of open) {
      try {
        if (readlinkSync(join(fds, fd)) === path) return;
      } catch {
        // closed meanwhile
      }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`process ${pid} did not open ${path} within 20 s`);
}

/**
 * Skips the test with a printed reason when `ok` is false; under BERTH_REQUIRE_ROOT=1 (CI) a skip is a failure.
 * Returns true when the test should go on.
 */
export function need(t: TestContext, ok: boolean, reason: string): boolean {
  if (ok) return true;
  if (process.env.BERTH_REQUIRE_ROOT === '1') throw new Error(`required but unavailable: ${reason}`);
  console.log(`# skip: ${reason}`);
  t.skip(reason);
  return false;
}

export const hasCommand = (name: string) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;

/**
 * A busybox root filesystem tarball (from Debian's busybox-static, which scripts/setup.sh installs), built once
 * per process under the OS temp dir. Returns the tar's path.
 */
let busyboxTar: string | null = null;
export function busyboxRootfsTar(): string {
  if (busyboxTar && existsSync(busyboxTar)) return busyboxTar;
  const dir = mkdtempSync(join(tmpdir(), 'berth-busybox-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const rootfs = join(dir, 'rootfs');
  for (const d of ['bin', 'etc', 'tmp', 'root', 'proc', 'sys', 'dev']) mkdirSync(join(rootfs, d), { recursive: true });
  const busybox = spawnSync('sh', ['-c', 'command -v busybox']).stdout.toString().trim();
  if (!busybox) throw new Error('busybox is not installed (scripts/setup.sh installs busybox-static)');
  copyFileSync(busybox, join(rootfs, 'bin/busybox'));
  const applets = spawnSync(busybox, ['--list']).stdout.toString().split('\n').filter((a) => a && a !== 'busybox');
  for (const a of applets) symlinkSync('busybox', join(rootfs, 'bin', a));
  writeFileSync(join(rootfs, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n');
  writeFileSync(join(rootfs, 'etc/group'), 'root:x:0:\nnogroup:x:65534:\n');
  const tar = join(dir, 'rootfs.tar');
  const r = spawnSync('tar', ['-C', rootfs, '--numeric-owner', '-cf', tar, '.']);
  if (r.status !== 0) throw new Error(`tar failed: ${r.stderr}`);
  busyboxTar = tar;
  return tar;
}

/** Imports the busybox rootfs as `ref` into the store; returns the image ID. */
export async function importBusybox(store: TestStore, ref = 'busybox:latest', changes: string[] = ['CMD ["/bin/sh"]']): Promise<string> {
  const args = ['import'];
  for (const c of changes) args.push('-c', c);
  args.push(busyboxRootfsTar(), ref);
  return (await store.ok(args)).trim();
}
