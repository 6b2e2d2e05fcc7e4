// Writes docs/benchmarks.md from the results (docs/benchmarks.json): the machine, one table row per
// workload and reference engine (medians, ratio, goal, pass/miss), peak memory, and CPU profiles.
import { seconds } from './compare.mjs';

const ENGINE = { docker: 'Docker', podman: 'podman' };
const esc = (s) => String(s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const mb = (kib) => (kib == null ? '–' : `${(kib / 1024).toFixed(0)} MB`);
const day = (iso) => (iso ? iso.slice(0, 16).replace('T', ' ') + ' UTC' : '');

function sideCell(side) {
  if (side.status === 'ok') return seconds(side.median);
  if (side.status === 'missing') return side.note;
  return `failed: ${side.note}`;
}

function resultsTable(rows, versions) {
  const out = [
    '| Issue | Workload | berth | Reference | Reference time | berth / reference | Goal | Result |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    const berth = row.berth.status === 'missing' && /not implemented/.test(row.berth.note)
      ? 'berth: not implemented yet'
      : esc(sideCell(row.berth));
    for (const a of row.anchors) {
      const version = versions?.[a.engine];
      const engine = `${ENGINE[a.engine] ?? a.engine}${version && version !== 'not installed' ? ` ${version}` : ''}`;
      const anchor = a.status === 'missing' ? `anchor missing: ${esc(a.note)}` : esc(sideCell(a));
      const ratio = a.ratio == null ? '–' : `${a.ratio.toFixed(2)}×`;
      const verdict = a.verdict ? `**${a.verdict}**` : '–';
      out.push(`| ${row.issue} | ${esc(row.title)} | ${berth} | ${esc(engine)} | ${anchor} | ${ratio} | ≤ ${a.goal.toFixed(1)}× | ${verdict} |`);
    }
  }
  return out.join('\n');
}

function roundsList(rows) {
  const out = [];
  for (const row of rows) {
    const parts = [];
    for (const [name, side] of [['berth', row.berth], ...row.anchors.map((a) => [ENGINE[a.engine] ?? a.engine, a])]) {
      if (!side.times?.length) continue;
      parts.push(`${name} ${side.times.map((t) => (t / 1000).toFixed(3)).join(', ')} s${side.detail ? ` (${esc(side.detail)})` : ''}`);
    }
    const ratios = row.anchors.filter((a) => a.ratios).map((a) => `berth/${ENGINE[a.engine] ?? a.engine} ${a.ratios.map((r) => r.toFixed(2)).join(', ')}`);
    if (parts.length) out.push(`- **${row.id}** (${day(row.measuredAt)}): ${parts.join('; ')}${ratios.length ? `. Ratios per round: ${ratios.join('; ')}` : ''}.`);
  }
  return out.join('\n');
}

function memorySection(mem) {
  const out = ['## Peak memory of berth load and save', ''];
  if (!mem) return [...out, 'Not measured yet (`npm run bench -- memory`).'].join('\n');
  if (mem.missing) return [...out, `Not measured: ${esc(mem.missing)}.`].join('\n');
  out.push(`Maximum resident set size from GNU time (\`/usr/bin/time -f %M\`), median of 3 runs, each into an empty store (${day(mem.measuredAt)}).`, '');
  out.push('| Image | Archive | load: peak RSS | load: time | save: peak RSS | save: time |', '|---|---|---|---|---|---|');
  for (const r of mem.rows) {
    out.push(`| ${esc(r.label)} | ${(r.bytes / 1e6).toFixed(r.bytes < 1e7 ? 1 : 0)} MB | ${mb(r.loadRssKiB)} | ${r.loadSeconds ?? '–'} s | ${mb(r.saveRssKiB)} | ${r.saveSeconds ?? '–'} s |${r.error ? ` ${esc(r.error)}` : ''}`);
  }
  const ok = mem.rows.filter((r) => r.loadRssKiB && r.saveRssKiB);
  if (ok.length >= 2) {
    const small = ok[0];
    const large = ok.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    out.push('', `From ${esc(small.label)} to ${esc(large.label)} the archive grows ${(large.bytes / small.bytes).toFixed(0)}×; ` +
      `peak RSS of load goes from ${mb(small.loadRssKiB)} to ${mb(large.loadRssKiB)} (${(large.loadRssKiB / small.loadRssKiB).toFixed(2)}×), ` +
      `of save from ${mb(small.saveRssKiB)} to ${mb(large.saveRssKiB)} (${(large.saveRssKiB / small.saveRssKiB).toFixed(2)}×).` +
      (mem.nodeBaselineKiB ? ` For scale, \`node -e 0\` peaks at ${mb(mem.nodeBaselineKiB)}.` : ''));
  }
  return out.join('\n');
}

function profileSection(prof) {
  const out = ['## Where berth load and save spend their time (CPU profiles)', ''];
  if (!prof) return [...out, 'Not measured yet (`npm run bench -- profile`).'].join('\n');
  if (prof.missing) return [...out, `Not measured: ${esc(prof.missing)}.`].join('\n');
  out.push(`\`node --cpu-prof --cpu-prof-interval=250\` of one run each on the app workload (${day(prof.measuredAt)}); ` +
    'the profiles are kept as `' + prof.runs.map((r) => r.kept).join('`, `') + '`. ' +
    'The profile covers the main JavaScript thread only: "idle" is time it waited (file system and zlib work on ' +
    "libuv's thread pool, the disk, child processes). Self time is time in the function's own code; total time " +
    'includes what it called. Source files are traced back from the esbuild bundle.');
  for (const r of prof.runs) {
    const busy = r.totalMs - r.idleMs;
    const pct = (ms) => `${((100 * ms) / busy).toFixed(1)}%`;
    out.push('', `### ${r.op}: \`${esc(r.command.replace(/ \/\S+\/(app\.tar|profile-save\.tar)/, ' $1'))}\``, '');
    out.push(`Wall ${r.wallSeconds} s${r.userSeconds != null ? `, CPU user ${r.userSeconds} s + system ${r.sysSeconds} s (all threads)` : ''}. ` +
      `Main thread: busy ${(busy / 1000).toFixed(2)} s, idle ${(r.idleMs / 1000).toFixed(2)} s; of the busy time, garbage collection ` +
      `${(r.gcMs / 1000).toFixed(2)} s, V8/native outside JS ("(program)") ${(r.programMs / 1000).toFixed(2)} s.`);
    out.push('', 'Top functions by self time (percent of busy time; for node\'s own functions, the berth function that mostly called them):', '',
      '| Function | Source | Called mostly from | Self | Share |', '|---|---|---|---|---|');
    for (const f of r.self.slice(0, 12)) out.push(`| \`${esc(f.fn)}\` | ${esc(f.where)} | ${f.via ? `\`${esc(f.via)}\`` : ''} | ${f.ms.toFixed(0)} ms | ${pct(f.ms)} |`);
    out.push('', 'By source file (self time):', '', '| Source | Self | Share |', '|---|---|---|');
    for (const f of r.files.slice(0, 10)) out.push(`| ${esc(f.file)} | ${f.ms.toFixed(0)} ms | ${pct(f.ms)} |`);
    out.push('', 'berth functions by total time (self + callees, percent of busy time):', '', '| Function | Source | Total | Share |', '|---|---|---|---|');
    for (const f of r.total.filter((x) => x.where.startsWith('src/')).slice(0, 12)) out.push(`| \`${esc(f.fn)}\` | ${esc(f.where)} | ${f.ms.toFixed(0)} ms | ${pct(f.ms)} |`);
  }
  return out.join('\n');
}

export const ORDER = ['load', 'save', 'run', 'diff', 'commit', 'pull', 'push', 'build-cold', 'build-cached'];

export function renderMarkdown(results) {
  const m = results.machine;
  const rows = ORDER.map((id) => results.rows[id]).filter(Boolean);
  const v = m.versions;
  return [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` (bench/run.sh); the raw numbers are in [benchmarks.json](benchmarks.json). ` +
      `Last run ${day(results.updatedAt)}: ${results.lastRun.join(', ')}, ${results.reps} rounds. ` +
      'Re-run some workloads with `npm run bench -- load save` (names: ' + results.names.join(', ') + ').',
    '',
    '## Machine',
    '',
    '| | |',
    '|---|---|',
    `| CPU | ${esc(m.cpu)}, ${m.cores} cores |`,
    `| Memory | ${m.memory} |`,
    `| Kernel | ${esc(m.kernel)} (${esc(m.os)}) |`,
    `| Storage under the stores | ${esc(m.storage)}; berth: overlay driver, Docker: overlay2 |`,
    `| cgroups | ${m.cgroups} |`,
    ...Object.entries(v).map(([k, val]) => `| ${k} | ${esc(val)} |`),
    '',
    '## Results',
    '',
    'Times are medians; "berth / reference" is the median of the per-round ratios (berth and the reference engine ' +
      'run alternately, round by round, so machine drift hits both). A ratio at or below the goal is a pass.',
    '',
    rows.length ? resultsTable(rows, v) : 'No workload measured yet.',
    '',
    '### Per-round times',
    '',
    roundsList(rows) || 'None.',
    '',
    memorySection(results.memory),
    '',
    profileSection(results.profile),
    '',
    '## Method',
    '',
    ...results.method.map((line) => `- ${line}`),
    '',
  ].join('\n');
}
