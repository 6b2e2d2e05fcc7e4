// Issue 4, run: `run --rm IMAGE true` of a busybox image (imported from busybox-rootfs.tar into each engine).
// Goals: berth ≤ 0.5× Docker and ≤ 0.9× podman (runc, explicit rlimits: see bench/README.md).
import { alternate, makeRow } from '../lib/compare.mjs';
import { PODMAN_RUN_FLAGS } from '../lib/podman.mjs';

const spec = {
  id: 'run', title: 'run --rm busybox true', issue: 4,
  anchors: [{ engine: 'docker', goal: 0.5 }, { engine: 'podman', goal: 0.9 }],
};
const IMAGE = 'localhost/bench/busybox:1';

export async function measure(ctx) {
  const missing = await ctx.missing({ berth: ['import', 'run'], anchors: ['docker', 'podman'], files: ['busybox-rootfs.tar'] });
  const rootfs = ctx.path('busybox-rootfs.tar');
  const sides = [];
  if (!missing.berth) {
    let root;
    sides.push({
      engine: 'berth',
      setup: async () => { root = await ctx.berth.root(); await ctx.berth.must(root, ['import', rootfs, IMAGE]); },
      step: () => ctx.berth.run(root, ['run', '--rm', IMAGE, 'true']),
      teardown: () => ctx.berth.drop(root),
    });
  }
  if (!missing.docker) {
    const docker = await ctx.engine('docker');
    sides.push({
      engine: 'docker',
      setup: async () => { await docker.reset(); await docker.must(['import', rootfs, IMAGE]); },
      step: () => docker.run(['run', '--rm', IMAGE, 'true']),
      teardown: () => docker.reset(),
    });
  }
  if (!missing.podman) {
    const podman = await ctx.engine('podman');
    sides.push({
      engine: 'podman',
      setup: () => podman.must(['import', '-q', rootfs, IMAGE]),
      step: () => podman.run(['run', '--rm', ...PODMAN_RUN_FLAGS, IMAGE, 'true']),
      teardown: () => podman.must(['rmi', '-f', IMAGE]).then(() => {}),
    });
  }
  // a container start takes a fraction of a second: more rounds, and one warm-up round
  return [makeRow(spec, await alternate(ctx.reps * 2, sides, ctx.log, { warmup: true }), missing)];
}
