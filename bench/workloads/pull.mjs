// Issue 5, pull: 127.0.0.1:5000/bench/app:1 (4 gzip layers, 90 MB) from the local registry into an empty
// store, against `docker pull` into a Docker without its layers. Goal: berth ≤ 0.7× Docker.
import { alternate, makeRow } from '../lib/compare.mjs';
import { SOURCE, checkImage } from '../lib/registry.mjs';

const spec = { id: 'pull', title: `pull ${SOURCE}/bench/app:1 into an empty store`, issue: 5, anchors: [{ engine: 'docker', goal: 0.7 }] };
const REF = `${SOURCE}/bench/app:1`;

export async function measure(ctx) {
  const missing = await ctx.missing({ berth: ['pull'], anchors: ['docker'], files: [] });
  const absent = await checkImage(SOURCE, 'bench/app', '1');
  if (absent) for (const side of ['berth', 'docker']) missing[side] ??= absent;
  const sides = [];
  if (!missing.berth) {
    let root;
    sides.push({
      engine: 'berth',
      prepare: async () => { root = await ctx.berth.root(); },
      step: () => ctx.berth.run(root, ['pull', REF]),
      after: () => ctx.berth.drop(root),
    });
  }
  if (!missing.docker) {
    const docker = await ctx.engine('docker');
    sides.push({
      engine: 'docker',
      prepare: () => docker.reset(),
      step: () => docker.run(['pull', REF]),
      teardown: () => docker.reset(),
    });
  }
  return [makeRow(spec, await alternate(ctx.reps, sides, ctx.log), missing)];
}
