// The benchmark harness behind `npm run bench [-- workload…]`: times berth beside Docker 20.10 and podman
// on the workloads of /work/shared/bench (see bench/README.md), then writes docs/benchmarks.md and the raw
// numbers to docs/benchmarks.json (results of workloads not re-run are kept from earlier runs on this machine).
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { berthEngine } from './lib/berth.mjs';
import { makeContext } from './lib/context.mjs';
import { reapStale, removeTree, scratch } from './lib/fs.mjs';
import { describeMachine } from './lib/machine.mjs';
import { renderMarkdown } from './lib/report.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** name on the command line → module; commit and diff share one module (and one container). */
const WORKLOADS = {
  load: './workloads/load.mjs',
  save: './workloads/save.mjs',
  run: './workloads/run.mjs',
  diff: './workloads/commit-diff.mjs',
  commit: './workloads/commit-diff.mjs',
  pull: './workloads/pull.mjs',
  push: './workloads/push.mjs',
  build: './workloads/build.mjs',
  memory: './workloads/memory.mjs',
  profile: './workloads/profile.mjs',
};

const METHOD = [
  'Each workload runs berth and its reference engine(s) in turns (berth, Docker, podman, berth, …) for the stated number of rounds; ' +
    'before each timed step the harness runs `sync` and waits for the machine to be idle (below 10% CPU over a quarter second, 15 s at most), and only the command itself is timed (wall clock from spawn to exit).',
  'berth is a snapshot of `bin/berth` after `node scripts/build.mjs --cli-only`, with a fresh `--root` under the work directory for each store it needs.',
  "Each engine's stores (berth's roots, Docker's data-roots) are on a filesystem of their own: a sparse ext4 image without a journal, like this VM's root filesystem, loop-mounted (direct I/O, so its blocks reach the disk as the host filesystem's would, without a second page cache) in the work directory. On one shared journal-less ext4 the engines paid for each other's deletions (its allocator skips inodes freed in the last minutes one by one; Docker's build deletes each RUN container's files); apart, each pays only for its own.",
  'Docker is a private `/usr/bin/dockerd` (Docker 20.10) started by the harness with its own data-root, exec-root and socket on the same ' +
    'filesystem (`--iptables=false --bridge=none`); before each load/pull/push/build round it is restarted on a new, empty data-root, so it really ' +
    "loads every layer; the machine's shared daemon and its images are never touched.",
  'No store is deleted until the run ends: a store that is done with (berth root, Docker data-root, committed image) is unmounted and moved ' +
    "aside. This VM's ext4 has no journal, and its inode allocator then skips every inode freed in the last minute one by one: files made " +
    "right after a deletion nearby cost 10–20× more (perf: ext4 recently_deleted), which would time the harness's cleanup, not the engines.",
  'podman runs with `--runtime runc`, the rlimits of bench/README.md, and a private `--root/--runroot/--tmpdir`, removed at the end.',
  'Short steps (run, diff, commit, cached build) get one untimed warm-up round per engine first; run gets twice the rounds.',
  'pull reads 127.0.0.1:5000/bench/app:1; push goes to a throwaway `docker-registry serve` on a free loopback port with fresh storage each round, ' +
    'from a store freshly loaded from app.tar (so neither side has compressed layers at hand).',
  'build: the context is a directory holding only app.Dockerfile as `Dockerfile`; cold starts from a store holding only bench/debian:bookworm ' +
    '(Docker: `DOCKER_BUILDKIT=0`), cached rebuilds on the store the last cold build left.',
  'diff/commit: a stopped container of bench/debian:bookworm that created /opt/bench with 3,000 files and appended a line to the first 300 ' +
    'files (sorted) of /var/lib/dpkg/info. Each commit round tags a new image; they are removed at the end. Every round commits the ' +
    'same changes, so after the untimed warm-up the layer is one the store already has: berth then makes the tar but skips copying the ' +
    'directory (a first commit, which copies it, takes about 0.26 s here), while Docker applies the layer again each time.',
  'Other people may use this machine during a run: compare ratios from one run, not absolute times across runs.',
];

function usage(msg) {
  process.stderr.write(`${msg ? `bench: ${msg}\n` : ''}usage: npm run bench [-- [--reps N] [workload…]]
workloads: ${Object.keys(WORKLOADS).join(' ')} (default: all)
environment: BENCH_REPS (rounds, default 5), BENCH_DIR (workloads, default /tmp/berth-bench),
  BENCH_WORK (scratch, default /var/tmp/berth-bench-work), BENCH_BERTH_BIN (time this berth executable instead)
`);
  process.exit(2);
}

function parseArgs(argv) {
  let reps = Number(process.env.BENCH_REPS ?? 5);
  const names = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--reps') reps = Number(argv[++i]);
    else if (a.startsWith('--reps=')) reps = Number(a.slice(7));
    else if (a === '-h' || a === '--help') usage();
    else if (WORKLOADS[a]) names.push(a);
    else usage(`unknown workload "${a}"`);
  }
  if (!Number.isInteger(reps) || reps < 1 || reps > 100) usage('--reps takes a whole number from 1 to 100');
  return { reps, names: names.length ? names : Object.keys(WORKLOADS) };
}

async function readPrevious(path, machine) {
  try {
    const prev = JSON.parse(await readFile(path, 'utf8'));
    // numbers from another machine are not comparable: start over
    if (prev.machine?.host === machine.host && prev.machine?.cpu === machine.cpu) return prev;
  } catch { /* first run */ }
  return { rows: {} };
}

async function main() {
  const { reps, names } = parseArgs(process.argv.slice(2));
  const bench = process.env.BENCH_DIR ?? '/tmp/berth-bench';
  const log = (msg) => process.stderr.write(`${msg}\n`);
  const base = process.env.BENCH_WORK ?? '/var/tmp/berth-bench-work';
  await reapStale(base, log);
  const work = await scratch(base, 'run');
  await writeFile(join(work, 'harness.pid'), String(process.pid));
  let ctx = null;
  let berth = null;
  let cleaning = null;
  let interrupted = false;
  const cleanup = () => (cleaning ??= (async () => {
    if (ctx) await ctx.stop();
    if (berth) await berth.stop();
    await removeTree(work);
  })());
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(sig, () => {
      interrupted = true;
      log(`bench: ${sig}, cleaning up; nothing is written`);
      cleanup().finally(() => process.exit(130));
    });
  }
  try {
    berth = await berthEngine(repo, work, process.env.BENCH_BERTH_BIN);
    ctx = makeContext({ repo, bench, work, reps, berth, log });
    const machine = await describeMachine({ work, berth });
    const jsonPath = join(repo, 'docs', 'benchmarks.json');
    const results = await readPrevious(jsonPath, machine);
    const modules = [...new Set(names.map((n) => WORKLOADS[n]))];
    for (const path of modules) {
      if (interrupted) return;
      const label = Object.keys(WORKLOADS).filter((k) => WORKLOADS[k] === path).join('/');
      log(`bench: ${label}`);
      try {
        const out = await (await import(path)).measure(ctx);
        if (Array.isArray(out)) for (const row of out) results.rows[row.id] = row;
        else results[out.id] = out;
      } catch (e) {
        log(`bench: ${label} failed: ${e.stack ?? e}`);
      }
    }
    if (interrupted) return;
    Object.assign(results, {
      machine, updatedAt: new Date().toISOString(), lastRun: names, reps, names: Object.keys(WORKLOADS), method: METHOD,
    });
    await writeFile(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
    await writeFile(join(repo, 'docs', 'benchmarks.md'), renderMarkdown(results));
    log(`bench: wrote docs/benchmarks.md`);
  } finally {
    await cleanup();
  }
}

main().catch((e) => {
  process.stderr.write(`bench: ${e.stack ?? e}\n`);
  process.exit(1);
});
