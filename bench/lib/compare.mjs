// The measurement loop and the result row. The engines of a workload take turns (berth, Docker, podman,
// berth, …) so drift on a shared machine hits all of them alike; each turn starts from a prepared state,
// and only the step itself is timed. A row holds medians, the median of per-round ratios, goal and verdict.
import { errorLine, settle } from './proc.mjs';

export function median(xs) {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * @param {number} reps timed rounds
 * @param {Array<{ engine: string, setup?: () => Promise<void>, prepare?: (i: number) => Promise<void>,
 *   step: (i: number) => Promise<any>, check?: (r: any) => string | null | undefined,
 *   after?: (i: number) => Promise<void>, teardown?: () => Promise<void> }>} sides
 *   setup/teardown run once per side, prepare/after around every step; only step is timed.
 * @param {(msg: string) => void} log
 * @param {{ warmup?: boolean }} [opts] warmup: one untimed round first (for steps of a fraction of a second)
 * @returns {Promise<Record<string, { times: number[], error: string | null, detail: string | null }>>}
 */
export async function alternate(reps, sides, log, { warmup = false } = {}) {
  const out = Object.fromEntries(sides.map((s) => [s.engine, { times: [], error: null, detail: null }]));
  for (const s of sides) {
    if (!s.setup) continue;
    try {
      await s.setup();
    } catch (e) {
      out[s.engine].error = `setup: ${e.message}`;
      log(`  ${s.engine.padEnd(6)} setup failed: ${e.message}`);
    }
  }
  for (let i = warmup ? -1 : 0; i < reps; i++) {
    for (const s of sides) {
      const o = out[s.engine];
      if (o.error) continue;
      const label = i < 0 ? 'warm-up' : `round ${i + 1}/${reps}`;
      let phase = 'setup';
      try {
        if (s.prepare) await s.prepare(i);
        await settle();
        phase = 'run';
        const r = await s.step(i);
        if (r.code !== 0) throw new Error(`exit ${r.code}: ${errorLine(r.stderr || r.stdout) || '(no output)'}`);
        phase = 'output';
        const detail = s.check ? s.check(r) : null;
        if (detail) o.detail = detail;
        if (i >= 0) o.times.push(r.ms);
        log(`  ${s.engine.padEnd(6)} ${label}: ${seconds(r.ms)}`);
      } catch (e) {
        o.error = phase === 'run' ? e.message : `${phase}: ${e.message}`;
        log(`  ${s.engine.padEnd(6)} ${label}: failed: ${o.error}`);
      } finally {
        if (s.after) await s.after(i).catch((e) => log(`  ${s.engine} cleanup failed: ${e.message}`));
      }
    }
  }
  for (const s of sides) {
    if (s.teardown) await s.teardown().catch((e) => log(`  ${s.engine} teardown failed: ${e.message}`));
  }
  return out;
}

/**
 * @param {{ id: string, title: string, issue: number, anchors: Array<{ engine: string, goal: number }> }} spec
 * @param {Record<string, { times: number[], error: string | null, detail: string | null }>} results
 * @param {Record<string, string | null>} missing why an engine did not take part (null/absent: it did)
 */
export function makeRow(spec, results, missing) {
  const side = (engine) => {
    if (missing[engine]) return { status: 'missing', note: missing[engine] };
    const r = results[engine];
    if (!r) return { status: 'missing', note: 'not measured' };
    if (r.error) return { status: 'failed', note: r.error, times: r.times };
    return { status: 'ok', times: r.times, median: median(r.times), detail: r.detail };
  };
  const berth = side('berth');
  const anchors = spec.anchors.map(({ engine, goal }) => {
    const a = { engine, goal, ...side(engine) };
    if (berth.status === 'ok' && a.status === 'ok') {
      const n = Math.min(berth.times.length, a.times.length);
      a.ratios = Array.from({ length: n }, (_, i) => berth.times[i] / a.times[i]);
      a.ratio = median(a.ratios);
      a.verdict = a.ratio <= goal ? 'pass' : 'miss';
    }
    return a;
  });
  return { id: spec.id, title: spec.title, issue: spec.issue, berth, anchors, measuredAt: new Date().toISOString() };
}

export function seconds(ms) {
  if (ms == null) return '–';
  const s = ms / 1000;
  return `${s < 1 ? s.toFixed(3) : s < 10 ? s.toFixed(2) : s.toFixed(1)} s`;
}
