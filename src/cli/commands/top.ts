// berth top CONTAINER [ps OPTIONS]: the host's `ps` (default -ef) limited to the container's processes, which are
// those in the pid namespace of its init process; docker/cli's table (columns at least 20 wide).

import { readdirSync, readlinkSync } from 'node:fs';
import { spawn } from 'node:child_process';
import type { Context } from '../context.js';
import { resolveContainer } from '../../container/resolve.js';
import { BerthError } from '../../errors.js';
import { tabulate } from '../../format/tabwriter.js';

function pidsInNamespace(initPid: number): Set<number> {
  const ns = readlinkSync(`/proc/${initPid}/ns/pid`);
  const out = new Set<number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readlinkSync(`/proc/${name}/ns/pid`) === ns) out.add(Number(name));
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}

function runPs(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('ps', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

export async function run(ctx: Context, [name, psArgs]: unknown[]): Promise<void> {
  const store = await ctx.openStore();
  const c = await resolveContainer(store, name as string);
  if (c.state.status !== 'running') throw new BerthError('CONFLICT', `Container ${c.id} is not running`);
  const args = (psArgs as string[] | undefined)?.length ? (psArgs as string[]) : ['-ef'];
  const pids = pidsInNamespace(c.state.pid);
  const r = await runPs(args);
  if (r.code !== 0) throw new BerthError('FAILED_PRECONDITION', `Error running ps: exit status ${r.code}: ${r.err.trim()}`);
  const lines = r.out.split('\n').filter(Boolean);
  const header = lines[0].trim().split(/\s+/);
  const pidCol = header.indexOf('PID');
  if (pidCol < 0) throw new BerthError('INVALID_ARGUMENT', `Couldn't find PID field in ps output`);
  let table = header.join('\t') + '\n';
  for (const line of lines.slice(1)) {
    const f = line.trim().split(/\s+/);
    if (!pids.has(Number(f[pidCol]))) continue;
    // The last column (the command) keeps its spaces.
    const head = f.slice(0, header.length - 1);
    table += [...head, f.slice(header.length - 1).join(' ')].join('\t') + '\n';
  }
  ctx.out(tabulate(table, { minWidth: 20, padding: 3 }));
}
