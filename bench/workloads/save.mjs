// Issue 3, save: the app image (4 layers, 210 MB) to a docker-archive file, against `docker save -o`.
// Goal: berth ≤ 0.3× Docker.
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { alternate, makeRow } from '../lib/compare.mjs';

const spec = { id: 'save', title: 'save bench/app:1 to a file', issue: 3, anchors: [{ engine: 'docker', goal: 0.3 }] };

/** Runs the timed save, then (untimed) notes the archive size and deletes the archive. */
async function saveTo(out, run) {
  const r = await run();
  r.size = await stat(out).then((s) => s.size, () => 0);
  await rm(out, { force: true });
  return r;
}
const archive = (r) => {
  if (r.size < 1e6) throw new Error(`archive of ${r.size} bytes`);
  return `archive ${(r.size / 1e6).toFixed(0)} MB`;
};

export async function measure(ctx) {
  const missing = await ctx.missing({ berth: ['load', 'save'], anchors: ['docker'], files: ['app.tar'] });
  const app = ctx.path('app.tar');
  const out = join(ctx.work, 'save-out.tar');
  const sides = [];
  if (!missing.berth) {
    let root;
    sides.push({
      engine: 'berth',
      setup: async () => { root = await ctx.berth.root(); await ctx.berth.must(root, ['load', '-q', '-i', app]); },
      step: () => saveTo(out, () => ctx.berth.run(root, ['save', '-o', out, 'bench/app:1'])),
      check: archive,
      teardown: () => ctx.berth.drop(root),
    });
  }
  if (!missing.docker) {
    const docker = await ctx.engine('docker');
    sides.push({
      engine: 'docker',
      setup: async () => { await docker.reset(); await docker.must(['load', '-q', '-i', app]); },
      step: () => saveTo(out, () => docker.run(['save', '-o', out, 'bench/app:1'])),
      check: archive,
      teardown: () => docker.reset(),
    });
  }
  return [makeRow(spec, await alternate(ctx.reps, sides, ctx.log), missing)];
}
