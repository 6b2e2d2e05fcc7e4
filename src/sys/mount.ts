// Mounting through util-linux `mount`/`umount` (overlay and bind mounts as snapshotters describe them), and
// isMountPoint() from /proc/self/mountinfo. The snapshot layer's Mount type is this one.

import { readFile, realpath } from 'node:fs/promises';
import { BerthError } from '../errors.js';
import { describeFailure, exec } from './exec.js';

export interface Mount {
  type: 'overlay' | 'bind';
  source: string;
  options: string[];
  /** Where `mount` runs: overlay options may use paths relative to it (long lowerdir lists). */
  cwd?: string;
}

const PAGE = 4096;
const PROPAGATION = new Set(['private', 'rprivate', 'slave', 'rslave', 'shared', 'rshared', 'unbindable', 'runbindable']);

async function run(args: string[], cwd?: string): Promise<void> {
  const r = await exec('mount', args, { cwd });
  if (r.code !== 0) throw new BerthError('FAILED_PRECONDITION', describeFailure('mount', r));
}

export async function mount(m: Mount, target: string): Promise<void> {
  if (m.type === 'overlay') {
    const data = m.options.join(',');
    if (data.length >= PAGE) {
      throw new BerthError('INVALID_ARGUMENT', `overlay mount options are ${data.length} bytes, the kernel takes < ${PAGE}`);
    }
    await run(['-t', 'overlay', '-o', data, 'overlay', target], m.cwd);
    return;
  }
  const recursive = m.options.includes('rbind');
  await run([recursive ? '--rbind' : '--bind', m.source, target], m.cwd);
  const flags = m.options.filter((o) => o !== 'bind' && o !== 'rbind' && !PROPAGATION.has(o));
  if (flags.length > 0) await run(['-o', ['remount', 'bind', ...flags].join(','), target]);
  for (const p of m.options.filter((o) => PROPAGATION.has(o))) await run([`--make-${p}`, target]);
}

export async function umount(target: string, opts: { lazy?: boolean } = {}): Promise<void> {
  const r = await exec('umount', opts.lazy ? ['-l', target] : [target]);
  if (r.code !== 0) throw new BerthError('FAILED_PRECONDITION', describeFailure('umount', r));
}

export interface MountInfo {
  id: number;
  parent: number;
  root: string;
  mountPoint: string;
  options: string;
  fsType: string;
  source: string;
  superOptions: string;
}

const unescape = (s: string) => s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));

/** Parses /proc/<pid>/mountinfo (proc(5)); fields are octal-unescaped. */
export function parseMountInfo(text: string): MountInfo[] {
  const out: MountInfo[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    const f = line.split(' ');
    const sep = f.indexOf('-', 6);
    if (sep < 0 || f.length < sep + 4) continue;
    out.push({
      id: Number(f[0]),
      parent: Number(f[1]),
      root: unescape(f[3]),
      mountPoint: unescape(f[4]),
      options: f[5],
      fsType: f[sep + 1],
      source: unescape(f[sep + 2]),
      superOptions: f[sep + 3],
    });
  }
  return out;
}

export async function mountInfo(): Promise<MountInfo[]> {
  return parseMountInfo(await readFile('/proc/self/mountinfo', 'utf8'));
}

/** Whether `path` (symlinks resolved) is the mount point of some mount; false when it does not exist. */
export async function isMountPoint(path: string): Promise<boolean> {
  let real: string;
  try {
    real = await realpath(path);
  } catch {
    return false;
  }
  return (await mountInfo()).some((m) => m.mountPoint === real);
}
