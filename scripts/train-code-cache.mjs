// Fills the V8 code caches of the CLI bundle (see bin/berth) with the bytecode of the commands people run most, so
// that their functions are not compiled afresh on every run. The commands below run twice on a throwaway store:
// first with BERTH_TRAIN_CODE_CACHE=1, which makes bin/berth add what each run compiled to the bundle's cache
// (dist/cli/berth.cjs.cache, for every command), then with BERTH_TRAIN_CODE_CACHE=command, which writes each
// command's own cache (dist/cli/berth.cjs.<command>.cache) from that run alone: start-up and that command only,
// less to deserialize (a cached `build` starts ~4 ms sooner). A command that fails here (no root, say) only leaves
// its functions out.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { removeTree } from '../bench/lib/fs.mjs';
import { berthExecRoot } from '../bench/lib/berth.mjs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repo = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'berth-train-'));
try {
  const root = join(work, 'store');
  const rootfs = join(work, 'rootfs');
  mkdirSync(join(rootfs, 'etc'), { recursive: true });
  writeFileSync(join(rootfs, 'etc', 'hello'), 'hello\n');
  // a static busybox (scripts/setup.sh installs busybox-static) lets `run` be trained too, where root and runc are
  const busybox = ['/bin/busybox', '/usr/bin/busybox'].find((p) => existsSync(p));
  if (busybox) {
    mkdirSync(join(rootfs, 'bin'));
    copyFileSync(busybox, join(rootfs, 'bin', 'busybox'));
  }
  execFileSync('tar', ['-C', rootfs, '-cf', join(work, 'rootfs.tar'), '.']);
  const ctx = join(work, 'context');
  mkdirSync(ctx);
  writeFileSync(join(ctx, 'greeting'), 'hi\n');
  writeFileSync(join(ctx, 'Dockerfile'), 'FROM train/base\nENV A=1\nCOPY greeting /etc/\nWORKDIR /etc\nCMD ["/bin/sh"]\n');
  const archive = join(work, 'saved.tar');
  const commands = [
    ['--version'],
    ['import', join(work, 'rootfs.tar'), 'train/base'],
    ['images'],
    ['history', 'train/base'],
    ['inspect', 'train/base'],
    ['build', '-t', 'train/built', ctx],
    ['build', '-t', 'train/built', ctx],
    ['tag', 'train/built', 'train/other'],
    ['save', '-o', archive, 'train/built'],
    ['rmi', 'train/other'],
    ['load', '-i', archive],
    ['run', '--rm', 'train/base', '/bin/busybox', 'true'],
    ['create', '--name', 'train-box', 'train/built', '/bin/true'],
    ['ps', '-a'],
    ['diff', 'train-box'],
    ['commit', 'train-box', 'train/committed'],
    ['rm', 'train-box'],
    ['system', 'df'],
    ['rmi', 'train/committed', 'train/built', 'train/base'],
  ];
  for (const mode of ['1', 'command']) {
    const env = { ...process.env, BERTH_TRAIN_CODE_CACHE: mode };
    for (const args of commands) {
      spawnSync(process.execPath, [join(repo, 'bin', 'berth'), '--root', root, ...args], { env, stdio: 'ignore', cwd: work, timeout: 60_000 });
    }
  }
} finally {
  // the store's runtime state and pid files on /run, then the store: a training run that failed half-way may have
  // left a container's rootfs mounted, unmounted before removal
  const execRoot = await berthExecRoot(join(work, 'store'));
  if (execRoot) await removeTree(execRoot).catch(() => {});
  await removeTree(work).catch((e) => console.error(`train-code-cache: could not remove ${work}: ${e.message}`));
}
