// Peak RSS of berth load and save for a small, a large single-layer and a large multi-layer image,
// measured by GNU time (/usr/bin/time, Debian package `time`), to show memory stays flat in image size.
import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { median } from '../lib/compare.mjs';
import { timed, errorLine } from '../lib/proc.mjs';

const GNU_TIME = '/usr/bin/time';
const ROUNDS = 3;

/** Runs berth under GNU time; resolves to { rssKiB, seconds }. */
async function measured(ctx, root, args) {
  const report = join(ctx.work, 'time.out');
  const r = await timed(GNU_TIME, ['-f', '%M %e', '-o', report, ctx.berth.bin, ...ctx.berth.argv(root, args)]);
  if (r.code !== 0) throw new Error(`berth ${args[0]}: exit ${r.code}: ${errorLine(r.stderr)}`);
  const [rss, secs] = (await readFile(report, 'utf8')).trim().split('\n').pop().split(' ').map(Number);
  return { rssKiB: rss, seconds: secs };
}

export async function measure(ctx) {
  const why = (await ctx.berth.missing('load', 'save', 'import'))
    ?? ((await timed(GNU_TIME, ['-f', '%M', 'true'])).code === 0 ? null : `${GNU_TIME} missing (apt-get install time)`);
  const section = { id: 'memory', measuredAt: new Date().toISOString(), rows: [], missing: why };
  if (why) return section;
  const images = [];
  // the small archive is made by berth itself from the busybox rootfs: one 2 MB layer
  const small = join(ctx.work, 'busybox-archive.tar');
  try {
    const root = await ctx.berth.root();
    await ctx.berth.must(root, ['import', ctx.path('busybox-rootfs.tar'), 'bench/busybox:1']);
    await ctx.berth.must(root, ['save', '-o', small, 'bench/busybox:1']);
    await ctx.berth.drop(root);
    images.push({ label: 'busybox (1 layer)', file: small, ref: 'bench/busybox:1' });
  } catch (e) {
    ctx.log(`  small archive: ${e.message}`);
  }
  images.push({ label: 'debian.tar (1 layer)', file: ctx.path('debian.tar'), ref: 'bench/debian:bookworm' });
  images.push({ label: 'app.tar (4 layers)', file: ctx.path('app.tar'), ref: 'bench/app:1' });
  for (const img of images) {
    const size = await stat(img.file).then((s) => s.size, () => null);
    if (size === null) continue;
    const load = [];
    const save = [];
    let error = null;
    for (let i = 0; i < ROUNDS && !error; i++) {
      const root = await ctx.berth.root();
      try {
        load.push(await measured(ctx, root, ['load', '-q', '-i', img.file]));
        const out = join(ctx.work, 'memory-out.tar');
        save.push(await measured(ctx, root, ['save', '-o', out, img.ref]));
        await rm(out, { force: true });
      } catch (e) {
        error = e.message;
      } finally {
        await ctx.berth.drop(root);
      }
    }
    const mid = (xs, k) => median(xs.map((x) => x[k]));
    const row = {
      label: img.label, bytes: size, error,
      loadRssKiB: mid(load, 'rssKiB'), saveRssKiB: mid(save, 'rssKiB'),
      loadSeconds: mid(load, 'seconds'), saveSeconds: mid(save, 'seconds'),
    };
    ctx.log(`  ${img.label}: load ${row.loadRssKiB} KiB, save ${row.saveRssKiB} KiB${error ? ` (${error})` : ''}`);
    section.rows.push(row);
  }
  await rm(small, { force: true });
  // what node itself takes before doing any work, for scale
  const idle = await timed(GNU_TIME, ['-f', '%M', process.execPath, '-e', '0']);
  section.nodeBaselineKiB = Number(idle.stderr.trim().split('\n').pop()) || null;
  return section;
}
