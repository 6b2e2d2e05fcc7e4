// What every workload gets: the berth snapshot, the anchor engines (started on first use, stopped at the
// end), the workload files, the number of rounds, a log, and one place that says why a side cannot run.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { startDocker } from './docker.mjs';
import { startPodman } from './podman.mjs';

export function makeContext({ repo, bench, work, reps, berth, log }) {
  const started = new Map();
  const ctx = {
    repo, bench, work, reps, berth, log,
    path: (name) => join(bench, name),
    /** The anchor engine, or { missing: reason }; started once per run. */
    engine(name) {
      if (!started.has(name)) started.set(name, name === 'docker' ? startDocker(work) : startPodman(work));
      return started.get(name);
    },
    /**
     * Why each side cannot take part (null when it can).
     * @param {{ berth: string[], anchors: string[], files: string[] }} needs
     */
    async missing({ berth: commands, anchors, files }) {
      const out = {};
      for (const f of files) {
        try {
          await access(join(bench, f));
        } catch {
          const why = `workload ${join(bench, f)} missing (run /work/shared/bench/anchors.sh)`;
          for (const side of ['berth', ...anchors]) out[side] = why;
          return out;
        }
      }
      out.berth = await berth.missing(...commands);
      for (const a of anchors) out[a] = (await ctx.engine(a)).missing ?? null;
      return out;
    },
    async stop() {
      for (const p of started.values()) {
        const e = await p;
        if (e.stop) await e.stop().catch((err) => log(`stopping ${e.name}: ${err.message}`));
      }
      started.clear();
    },
  };
  return ctx;
}
