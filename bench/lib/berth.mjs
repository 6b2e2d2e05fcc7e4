// berth as the benchmark runs it: a snapshot of the built CLI (so a rebuild by someone else mid-run changes
// nothing), a fresh store root per need, and which commands this build has yet.
import { cp, mkdir, rm, stat, symlink, writeFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { must, quiet, timed } from './proc.mjs';
import { ownFilesystem, retire, scratch } from './fs.mjs';

/** Copies bin/berth (with bin/package.json) and its bundle (with package.json and a link to node_modules) under `work`. */
async function snapshot(repo, work) {
  const snap = join(work, 'berth');
  await mkdir(join(snap, 'bin'), { recursive: true });
  await cp(join(repo, 'dist', 'cli'), join(snap, 'dist', 'cli'), { recursive: true });
  await cp(join(repo, 'bin', 'berth'), join(snap, 'bin', 'berth'));
  await cp(join(repo, 'bin', 'package.json'), join(snap, 'bin', 'package.json')); // the launcher is CommonJS
  await writeFile(join(snap, 'package.json'), await readFile(join(repo, 'package.json')));
  await symlink(join(repo, 'node_modules'), join(snap, 'node_modules'));
  return join(snap, 'bin', 'berth');
}

/**
 * Where berth keeps a store's runtime state and pid files (src/container/store.ts, execRootOf): /run/berth/<device>-
 * <inode of the store directory>, outside the store, so whoever deletes a store deletes this too. Null without /run.
 */
export async function berthExecRoot(root) {
  try {
    if (!(await stat('/run')).isDirectory()) return null;
    const st = await stat(root);
    return join('/run', 'berth', `${st.dev.toString(16)}-${st.ino.toString(16)}`);
  } catch {
    return null;
  }
}

/** @param {string | undefined} override BENCH_BERTH_BIN: time this berth executable instead (another build) */
export async function berthEngine(repo, work, override) {
  const bin = override || (await snapshot(repo, work));
  const area = await ownFilesystem(work, 'berth-fs');
  const rootsDir = join(area, 'roots');
  const known = new Map();
  const execRoots = [];

  return {
    name: 'berth',
    bin,
    /** Whether `berth <command>` exists: its --help names it (an unknown command prints the root help). */
    async supports(command) {
      if (!known.has(command)) {
        const r = await quiet(bin, [command, '--help']);
        known.set(command, r.code === 0 && r.stdout.startsWith(`Usage: berth ${command} `));
      }
      return known.get(command);
    },
    async missing(...commands) {
      for (const c of commands) if (!(await this.supports(c))) return 'not implemented yet';
      return null;
    },
    /** A new empty store root. */
    async root() {
      const root = await scratch(rootsDir, 'root');
      execRoots.push(await berthExecRoot(root));
      return root;
    },
    /** Removes what the stores left on /run (their directories go with the work dir). */
    async stop() {
      for (const dir of execRoots.splice(0)) if (dir) await rm(dir, { recursive: true, force: true });
    },
    /** Sets a store aside (fs.mjs retire); it is deleted with the work dir. */
    drop: (root) => retire(root, join(area, 'retired')),
    /** The argv of a berth command on `root`, for wrappers such as /usr/bin/time or node --cpu-prof. */
    argv: (root, args) => ['--root', root, ...args],
    run: (root, args, opts) => timed(bin, ['--root', root, ...args], opts),
    must: (root, args, opts) => must(bin, ['--root', root, ...args], opts),
    async version() {
      const v = (await quiet(bin, ['--version'])).stdout.trim();
      if (override) return `${v} (${override})`;
      const head = (await quiet('git', ['-C', repo, 'rev-parse', '--short', 'HEAD'])).stdout.trim();
      const dirty = (await quiet('git', ['-C', repo, 'status', '--porcelain', '--', 'src'])).stdout.trim();
      return `${v}${head ? ` (git ${head}${dirty ? ' + uncommitted changes in src/' : ''})` : ''}`;
    },
  };
}
