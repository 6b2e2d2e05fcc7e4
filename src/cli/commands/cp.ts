// berth cp CONTAINER:SRC DEST|-  and  berth cp SRC|- CONTAINER:DEST: files between a container and the host, with
// paths inside the container resolved within its root (root-path.ts). `-` is a tar stream on stdout or stdin.

import { spawn } from 'node:child_process';
import { lstat, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Context } from '../context.js';
import { findContainer } from '../../container/resolve.js';
import { resolveInRoot } from '../../container/root-path.js';
import { withContainerRoot } from '../../container/rootfs-access.js';
import { BerthError } from '../../errors.js';

/** docker/cli's splitCpArg: `name:path` unless the argument is an absolute or ./ path. */
function split(arg: string): { container?: string; path: string } {
  if (arg.startsWith('/') || arg.startsWith('.')) return { path: arg };
  const i = arg.indexOf(':');
  if (i < 0) return { path: arg };
  return { container: arg.slice(0, i), path: arg.slice(i + 1) };
}

function tool(cmd: string, args: string[], stdio: ('inherit' | 'pipe' | 'ignore')[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: [stdio[0], stdio[1], 'pipe'] });
    let err = '';
    child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new BerthError('FAILED_PRECONDITION', err.trim().split('\n')[0] || `${cmd} failed`))));
  });
}

/** A failure worded as docker/cli words it (its own checks bare, the daemon's with its prefix): exit 1. */
class CpFailure extends Error {}
const daemon = (m: string) => new CpFailure(`Error response from daemon: ${m}`);

export async function run(ctx: Context, args: unknown[], opts: { followLink?: boolean; archive?: boolean }): Promise<number | void> {
  try {
    await copy(ctx, args, opts);
  } catch (e) {
    if (!(e instanceof CpFailure)) throw e;
    ctx.stderr.write(`${e.message}\n`);
    return 1;
  }
}

async function copy(ctx: Context, [srcArg, dstArg]: unknown[], opts: { followLink?: boolean; archive?: boolean }): Promise<void> {
  const src = split(srcArg as string);
  const dst = split(dstArg as string);
  if (src.container !== undefined && dst.container !== undefined)
    throw new BerthError('INVALID_ARGUMENT', 'copying between containers is not supported');
  if (src.container === undefined && dst.container === undefined)
    throw new BerthError('INVALID_ARGUMENT', 'must specify at least one container source');
  const store = await ctx.openStore();
  const name = (src.container ?? dst.container)!;
  const c = await findContainer(store.containers, name);
  if (!c) {
    const side = src.container !== undefined ? srcArg : dstArg;
    throw new BerthError('NOT_FOUND', `No such container:path: ${side as string}`);
  }

  if (src.container !== undefined) {
    if (dst.path !== '-') {
      const parent = dirname(dst.path.replace(/\/+$/, '') || '/');
      if (!(await stat(parent).catch(() => null))) throw new CpFailure(`invalid output path: directory ${JSON.stringify(parent)} does not exist`);
    }
    await withContainerRoot(store, c, async (root) => {
      const trailingDot = /\/\.$/.test(src.path);
      const host = await resolveInRoot(root, src.path || '/', !!opts.followLink);
      const found = await lstat(host).catch(() => null);
      if (!found) throw new BerthError('NOT_FOUND', `No such container:path: ${srcArg as string}`);
      if (/[^.]\/+$/.test(src.path) && !(await stat(host).catch(() => null))?.isDirectory()) {
        throw daemon(`lstat ${src.path}: not a directory`);
      }
      if (found.isDirectory() && dst.path !== '-' && (await stat(dst.path).catch(() => null))?.isFile()) throw new CpFailure('cannot copy directory');
      if (dst.path === '-') {
        await tool('tar', ['-C', dirname(host), '-cf', '-', basename(host)], ['ignore', 'inherit']);
        return;
      }
      await tool('cp', ['-a', '--', trailingDot ? `${host}/.` : host, dst.path], ['ignore', 'ignore']);
    });
    return;
  }

  if (src.path !== '-' && !(await lstat(src.path).catch(() => null))) {
    throw new BerthError('NOT_FOUND', `lstat ${src.path}: no such file or directory`);
  }
  if (c.host.readonlyRootfs && !c.mounts.some((m) => dst.path === m.destination || dst.path.startsWith(`${m.destination}/`))) {
    throw daemon('container rootfs is marked read-only');
  }
  await withContainerRoot(store, c, async (root) => {
    const target = await resolveInRoot(root, dst.path || '/', true);
    const dirWanted = dst.path.endsWith('/');
    const st = await stat(target).catch(() => null);
    if (src.path !== '-' && st && !st.isDirectory() && (await stat(src.path).catch(() => null))?.isDirectory()) throw new CpFailure('cannot copy directory');
    if (!st && src.path !== '-' && !(await stat(dirname(target)).catch(() => null))?.isDirectory()) {
      throw daemon(`Could not find the file ${dirname(dst.path.replace(/\/+$/, '')) || '/'} in container ${name}`);
    }
    if (src.path === '-') {
      if (!st?.isDirectory()) throw new BerthError('NOT_FOUND', 'no such directory');
      await tool('tar', ['-C', target, '--no-overwrite-dir', '-xf', '-'], ['inherit', 'ignore']);
      return;
    }
    if (!st && (dirWanted || !(await stat(dirname(target)).catch(() => null))?.isDirectory())) {
      throw new BerthError('NOT_FOUND', 'no such directory');
    }
    const from = /\/\.$/.test(src.path) ? src.path : src.path.replace(/\/+$/, '') || '/';
    await tool('cp', ['-a', '--', from, target], ['ignore', 'ignore']);
  });
}
