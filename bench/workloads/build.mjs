// Issue 6, build of app.Dockerfile (FROM bench/debian:bookworm; RUN 5,000 files; RUN deletions; COPY;
// config steps) with a context holding only that Dockerfile, as bench/README.md builds it.
// cold: a store holding only the base image (goal ≤ 0.8× `DOCKER_BUILDKIT=0 docker build`);
// cached: the same build again on the store the cold build left (goal ≤ 1.0×).
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { alternate, makeRow } from '../lib/compare.mjs';

const cold = { id: 'build-cold', title: 'build app.Dockerfile, cold', issue: 6, anchors: [{ engine: 'docker', goal: 0.8 }] };
const cached = { id: 'build-cached', title: 'build app.Dockerfile, all steps cached', issue: 6, anchors: [{ engine: 'docker', goal: 1.0 }] };
const TAG = 'bench/built:1';

/** How many steps the build output says came from the cache (Docker prints ` ---> Using cache`). */
const fromCache = (r) => `${(r.stdout.match(/Using cache/g) ?? []).length} steps reported "Using cache"`;

export async function measure(ctx) {
  const missing = await ctx.missing({ berth: ['load', 'build'], anchors: ['docker'], files: ['debian.tar', 'app.Dockerfile'] });
  const debian = ctx.path('debian.tar');
  const context = join(ctx.work, 'build-context');
  if (!missing.berth || !missing.docker) {
    await mkdir(context, { recursive: true });
    await copyFile(ctx.path('app.Dockerfile'), join(context, 'Dockerfile'));
  }
  const sides = [];
  if (!missing.berth) {
    let root = null;
    const drop = async () => { if (root) await ctx.berth.drop(root); root = null; };
    sides.push({
      engine: 'berth',
      prepare: async () => { await drop(); root = await ctx.berth.root(); await ctx.berth.must(root, ['load', '-q', '-i', debian]); },
      step: () => ctx.berth.run(root, ['build', '-t', TAG, context]),
      check: fromCache,
      teardown: drop,
    });
  }
  if (!missing.docker) {
    const docker = await ctx.engine('docker');
    const env = { ...process.env, DOCKER_BUILDKIT: '0' };
    sides.push({
      engine: 'docker',
      prepare: async () => { await docker.reset(); await docker.must(['load', '-q', '-i', debian]); },
      step: () => docker.run(['build', '-t', TAG, context], { env }),
      check: fromCache,
      teardown: () => docker.reset(),
    });
  }
  // the cold rounds leave each store as the last cold build made it; the cached rounds rebuild on that
  const coldResults = await alternate(ctx.reps, sides.map(({ teardown, ...s }) => s), ctx.log);
  const missingCached = { ...missing };
  for (const s of sides) if (coldResults[s.engine].error) missingCached[s.engine] = 'the cold build failed';
  const cachedResults = await alternate(ctx.reps, sides.filter((s) => !missingCached[s.engine]).map((s) => ({
    engine: s.engine, step: s.step, check: s.check, teardown: s.teardown,
  })), ctx.log, { warmup: true });
  for (const s of sides) if (missingCached[s.engine]) await s.teardown();
  return [makeRow(cold, coldResults, missing), makeRow(cached, cachedResults, missingCached)];
}
