// Issue 5, push: bench/app:1 (loaded from app.tar, so no compressed layers are at hand) to an empty
// registry: a throwaway `docker-registry serve` on a free loopback port with fresh storage for every
// round, and a freshly loaded store for every round on both sides. Goal: berth ≤ 0.5× Docker.
import { alternate, makeRow } from '../lib/compare.mjs';
import { registryAvailable, throwawayRegistry } from '../lib/registry.mjs';

const spec = { id: 'push', title: 'push bench/app:1 to an empty registry', issue: 5, anchors: [{ engine: 'docker', goal: 0.5 }] };

export async function measure(ctx) {
  const missing = await ctx.missing({ berth: ['load', 'tag', 'push'], anchors: ['docker'], files: ['app.tar'] });
  const noRegistry = await registryAvailable();
  if (noRegistry) for (const side of ['berth', 'docker']) missing[side] ??= noRegistry;
  const app = ctx.path('app.tar');
  const sides = [];
  let registry = null;
  const newRegistry = async () => { registry = await throwawayRegistry(ctx.work); return `${registry.host}/bench/app:1`; };
  const dropRegistry = async () => { if (registry) await registry.stop(); registry = null; };
  if (!missing.berth) {
    let root;
    let ref;
    sides.push({
      engine: 'berth',
      prepare: async () => {
        root = await ctx.berth.root();
        await ctx.berth.must(root, ['load', '-q', '-i', app]);
        ref = await newRegistry();
        await ctx.berth.must(root, ['tag', 'bench/app:1', ref]);
      },
      step: () => ctx.berth.run(root, ['push', ref]),
      after: async () => { await dropRegistry(); await ctx.berth.drop(root); },
    });
  }
  if (!missing.docker) {
    const docker = await ctx.engine('docker');
    let ref;
    sides.push({
      engine: 'docker',
      prepare: async () => {
        await docker.reset();
        await docker.must(['load', '-q', '-i', app]);
        ref = await newRegistry();
        await docker.must(['tag', 'bench/app:1', ref]);
      },
      step: () => docker.run(['push', ref]),
      after: dropRegistry,
      teardown: () => docker.reset(),
    });
  }
  return [makeRow(spec, await alternate(ctx.reps, sides, ctx.log), missing)];
}
