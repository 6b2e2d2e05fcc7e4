// CPU profiles of berth load and save of the app workload (node --cpu-prof): where berth's main thread
// spends its time, for whoever optimizes those commands. The raw profiles are kept in $BENCH_DIR/profiles
// (open them in Chrome DevTools → Performance, or VS Code).
import { access, copyFile, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { analyze } from '../lib/cpuprofile.mjs';
import { errorLine, settle, timed } from '../lib/proc.mjs';
import { scratch } from '../lib/fs.mjs';

const GNU_TIME = '/usr/bin/time';
const INTERVAL_US = 250;
const TOP = 15;

async function profiled(ctx, name, root, args) {
  const dir = await scratch(join(ctx.work, 'profiles'), name);
  const report = join(dir, 'time.out');
  const node = [process.execPath, '--cpu-prof', '--cpu-prof-dir', dir, `--cpu-prof-interval=${INTERVAL_US}`, ctx.berth.bin, ...ctx.berth.argv(root, args)];
  const haveTime = (await timed(GNU_TIME, ['-f', '%e', 'true'])).code === 0;
  await settle();
  const r = haveTime ? await timed(GNU_TIME, ['-f', '%e %U %S', '-o', report, ...node]) : await timed(node[0], node.slice(1));
  if (r.code !== 0) throw new Error(`berth ${args[0]}: exit ${r.code}: ${errorLine(r.stderr)}`);
  const file = (await readdir(dir)).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('node wrote no .cpuprofile');
  const keep = join(ctx.bench, 'profiles');
  await mkdir(keep, { recursive: true });
  await copyFile(join(dir, file), join(keep, `${name}.cpuprofile`));
  const a = await analyze(join(dir, file));
  const [wall, user, sys] = haveTime ? (await readFile(report, 'utf8')).trim().split('\n').pop().split(' ').map(Number) : [r.ms / 1000, null, null];
  await rm(dir, { recursive: true, force: true });
  return {
    op: name, command: `berth ${args.join(' ')}`, kept: join(keep, `${name}.cpuprofile`),
    wallSeconds: wall, userSeconds: user, sysSeconds: sys,
    totalMs: a.totalMs, idleMs: a.idleMs, gcMs: a.gcMs, programMs: a.programMs,
    self: a.self.slice(0, TOP), total: a.total.filter((x) => x.where.startsWith('src/')).slice(0, TOP), files: a.files.slice(0, TOP),
  };
}

export async function measure(ctx) {
  const section = { id: 'profile', measuredAt: new Date().toISOString(), runs: [], missing: null };
  section.missing = await ctx.berth.missing('load', 'save');
  const app = ctx.path('app.tar');
  if (!section.missing) {
    section.missing = await access(app).then(() => null, () => `${app} missing (run /work/shared/bench/anchors.sh)`);
  }
  if (section.missing) return section;
  const root = await ctx.berth.root();
  const out = join(ctx.work, 'profile-save.tar');
  try {
    section.runs.push(await profiled(ctx, 'load', root, ['load', '-i', app]));
    section.runs.push(await profiled(ctx, 'save', root, ['save', '-o', out, 'bench/app:1']));
  } catch (e) {
    section.missing = `failed: ${e.message}`;
  } finally {
    await rm(out, { force: true });
    await ctx.berth.drop(root);
  }
  for (const r of section.runs) {
    ctx.log(`  ${r.op}: ${r.wallSeconds} s wall; main thread idle ${(r.idleMs / 1000).toFixed(2)} s; top: ${r.self.slice(0, 3).map((x) => `${x.fn} ${x.ms.toFixed(0)} ms`).join(', ')}`);
  }
  return section;
}
