// Issue 4, diff and commit of a stopped container (from bench/debian:bookworm) that added 3,000 files in
// /opt/bench and appended to 300 files in /var/lib/dpkg/info. Goals: each ≤ 0.5× Docker.
// The container is made once per engine (untimed); diff is timed on it, then commit (each commit's image
// is kept until the workload ends).
import { alternate, makeRow } from '../lib/compare.mjs';

const diffSpec = { id: 'diff', title: 'diff of a container with 3,000 added + 300 changed files', issue: 4, anchors: [{ engine: 'docker', goal: 0.5 }] };
const commitSpec = { id: 'commit', title: 'commit of that container', issue: 4, anchors: [{ engine: 'docker', goal: 0.5 }] };

const NAME = 'berth-bench-commit';
const BASE = 'bench/debian:bookworm';
const SCRIPT = [
  'set -e',
  'mkdir /opt/bench',
  'i=0; while [ $i -lt 3000 ]; do echo "file $i" > /opt/bench/f$i; i=$((i+1)); done',
  'ls /var/lib/dpkg/info | sort | head -n 300 | while read -r f; do echo changed >> "/var/lib/dpkg/info/$f"; done',
].join('\n');
const CREATE = ['run', '--name', NAME, BASE, 'sh', '-c', SCRIPT];

const lines = (r) => {
  const n = r.stdout.split('\n').filter(Boolean).length;
  if (n < 3300) throw new Error(`diff printed ${n} lines, expected about 3,306`);
  return `${n} lines`;
};

const once = (fn) => { let p; return () => (p ??= fn()); };

export async function measure(ctx) {
  const needs = (cmd) => ctx.missing({ berth: ['load', 'run', cmd], anchors: ['docker'], files: ['debian.tar'] });
  const missing = { diff: await needs('diff'), commit: await needs('commit') };
  const debian = ctx.path('debian.tar');
  const sides = [];
  if (!missing.diff.berth || !missing.commit.berth) {
    let root;
    const cli = (args, opts) => ctx.berth.run(root, args, opts);
    sides.push({
      engine: 'berth',
      cli,
      ready: once(async () => {
        root = await ctx.berth.root();
        await ctx.berth.must(root, ['load', '-q', '-i', debian]);
        await ctx.berth.must(root, CREATE);
      }),
      // the store is set aside with its (stopped) container, as Docker's data-root is: removing the container would
      // free its 3,300 inodes right before the next workload, whose files this journal-less ext4 then makes 2× dearer
      teardown: async () => { if (root) await ctx.berth.drop(root); },
    });
  }
  if (!missing.diff.docker) {
    const docker = await ctx.engine('docker');
    sides.push({
      engine: 'docker',
      cli: (args, opts) => docker.run(args, opts),
      ready: once(async () => { await docker.reset(); await docker.must(['load', '-q', '-i', debian]); await docker.must(CREATE); }),
      teardown: () => docker.reset(),
    });
  }
  const taking = (what) => sides.filter((s) => !missing[what][s.engine]);
  const diff = await alternate(ctx.reps, taking('diff').map((s) => ({
    engine: s.engine, setup: s.ready, step: () => s.cli(['diff', NAME], { keepStdout: true }), check: lines,
  })), ctx.log, { warmup: true });
  const commit = await alternate(ctx.reps, taking('commit').map((s) => ({
    engine: s.engine,
    setup: s.ready,
    // each round's image is kept until the end: removing it would free its inodes right before the next commit
    step: (i) => s.cli(['commit', NAME, `bench/committed:${i + 2}`]),
  })), ctx.log, { warmup: true });
  for (const s of sides) await s.teardown().catch((e) => ctx.log(`  ${s.engine} teardown failed: ${e.message}`));
  return [makeRow(diffSpec, diff, missing.diff), makeRow(commitSpec, commit, missing.commit)];
}
