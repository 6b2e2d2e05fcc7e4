// berth stats [-a] [--no-stream] [--no-trunc] [--format] [CONTAINER...]: Docker's table of CPU %, memory, network
// and block I/O and PIDs, from two readings a second apart; refreshed every second until interrupted unless
// --no-stream (on a terminal the screen is cleared first, as docker/cli does).

import type { Context } from '../context.js';
import { listContainers } from '../../container/list.js';
import { resolveContainer } from '../../container/resolve.js';
import { cpuPercent, machineCpu, sampleStats, type StatsSample } from '../../container/stats.js';
import type { Container } from '../../container/record.js';
import { bytesSize, humanSizeWithPrecision } from '../../format/units.js';
import { goStruct } from '../../format/go-value.js';
import { formatterRow } from '../../format/go-json.js';
import { formatRows } from '../output/format.js';

const HEADERS = {
  Container: 'CONTAINER',
  ID: 'CONTAINER ID',
  Name: 'NAME',
  CPUPerc: 'CPU %',
  MemUsage: 'MEM USAGE / LIMIT',
  MemPerc: 'MEM %',
  NetIO: 'NET I/O',
  BlockIO: 'BLOCK I/O',
  PIDs: 'PIDS',
};
const TABLE = 'table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}';

interface StatsFlags {
  all?: boolean;
  stream?: boolean;
  trunc?: boolean;
  format?: string;
}

const pct = (n: number) => `${n.toFixed(2)}%`;
const io = (a: number, b: number) => `${humanSizeWithPrecision(a, 3)} / ${humanSizeWithPrecision(b, 3)}`;

/** docker/cli's ContainerStats row; a stopped container reads as zeros. */
function row(c: Container, given: string, noTrunc: boolean, a: StatsSample | null, b: StatsSample | null) {
  const s = b ?? { memUsage: 0, memLimit: 0, netRx: 0, netTx: 0, blkRead: 0, blkWrite: 0, pids: 0 };
  return goStruct('*formatter.statsContext', formatterRow({
    Container: given,
    ID: noTrunc ? c.id : c.id.slice(0, 12),
    Name: c.name,
    CPUPerc: pct(a && b ? cpuPercent(a, b) : 0),
    MemUsage: `${bytesSize(s.memUsage)} / ${bytesSize(s.memLimit)}`,
    MemPerc: pct(s.memLimit > 0 ? (s.memUsage / s.memLimit) * 100 : 0),
    NetIO: io(s.netRx, s.netTx),
    BlockIO: io(s.blkRead, s.blkWrite),
    PIDs: String(s.pids),
  }));
}

export async function run(ctx: Context, [names]: unknown[], f: StatsFlags): Promise<number | void> {
  const store = await ctx.openStore();
  const given = names as string[];
  const targets = async (): Promise<[Container, string][]> =>
    given.length
      ? Promise.all(given.map(async (n) => [await resolveContainer(store, n), n] as [Container, string]))
      : (await listContainers(store, { all: f.all })).map((c) => [c, c.id] as [Container, string]);
  const stream = f.stream !== false;
  let stop = false;
  process.once('SIGINT', () => (stop = true));
  let before = new Map<string, StatsSample | null>();
  const first = machineCpu();
  for (const [c] of await targets()) before.set(c.id, sampleStats(c, first));
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    const list = await targets();
    const machine = machineCpu();
    const now = new Map(list.map(([c]) => [c.id, sampleStats(c, machine)]));
    const rows = list.map(([c, name]) => row(c, name, f.trunc === false, before.get(c.id) ?? null, now.get(c.id) ?? null));
    if (stream && ctx.isTTY) ctx.out('\x1b[2J\x1b[H');
    ctx.out(formatRows(f.format && f.format !== 'table' ? f.format : TABLE, rows, HEADERS));
    before = now;
    if (!stream || stop) return;
  }
}
