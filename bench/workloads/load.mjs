// Issue 3, load: the app workload (docker-archive, 4 layers, 210 MB) into an empty store, against
// `docker load -i` into a Docker that has none of its layers. Goal: berth ≤ 0.8× Docker.
import { alternate, makeRow } from '../lib/compare.mjs';

const spec = { id: 'load', title: 'load app.tar into an empty store', issue: 3, anchors: [{ engine: 'docker', goal: 0.8 }] };

const loaded = (r) => {
  if (!/Loaded image: bench\/app:1/.test(r.stdout)) throw new Error(`unexpected output: ${r.stdout.trim().slice(0, 120)}`);
};

export async function measure(ctx) {
  const missing = await ctx.missing({ berth: ['load'], anchors: ['docker'], files: ['app.tar'] });
  const app = ctx.path('app.tar');
  const sides = [];
  if (!missing.berth) {
    let root;
    sides.push({
      engine: 'berth',
      prepare: async () => { root = await ctx.berth.root(); },
      step: () => ctx.berth.run(root, ['load', '-i', app]),
      check: loaded,
      after: () => ctx.berth.drop(root),
    });
  }
  if (!missing.docker) {
    const docker = await ctx.engine('docker');
    sides.push({
      engine: 'docker',
      prepare: () => docker.reset(),
      step: () => docker.run(['load', '-i', app]),
      check: loaded,
      teardown: () => docker.reset(),
    });
  }
  return [makeRow(spec, await alternate(ctx.reps, sides, ctx.log), missing)];
}
