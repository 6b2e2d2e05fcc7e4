// Device nodes and fifos. Node has no mknod(2), so this runs coreutils `mknod` from one /bin/sh per batch
// (a fork+exec per node inside the shell, one spawn from Node). mknod(2) never follows a symlink in the last
// component (EEXIST); callers must make sure the parents are real directories.

import { BerthError } from '../errors.js';
import { describeFailure, exec } from './exec.js';

export type NodeType = 'char' | 'block' | 'fifo';

export interface NodeSpec {
  path: string;
  type: NodeType;
  /** Permission bits; the caller sets owner, special bits and times afterwards. */
  mode: number;
  major?: number;
  minor?: number;
}

const SCRIPT = `set -e
while [ "$#" -gt 0 ]; do
  if [ "$3" = p ]; then mknod -m "$1" -- "$2" p; else mknod -m "$1" -- "$2" "$3" "$4" "$5"; fi
  shift 5
done`;

const BATCH_BYTES = 256 * 1024;
const LETTER: Record<NodeType, string> = { char: 'c', block: 'b', fifo: 'p' };

function args(n: NodeSpec): string[] {
  if (n.path.includes('\0')) throw new BerthError('INVALID_ARGUMENT', `mknod: invalid path ${JSON.stringify(n.path)}`);
  const mode = (n.mode & 0o777).toString(8);
  return [mode, n.path, LETTER[n.type], String(n.major ?? 0), String(n.minor ?? 0)];
}

async function run(batch: string[]): Promise<void> {
  const r = await exec('/bin/sh', ['-c', SCRIPT, 'sh', ...batch]);
  if (r.code !== 0) throw new BerthError('FAILED_PRECONDITION', describeFailure('mknod', r));
}

/** Creates every node, in order; stops at the first failure (an existing path is one). */
export async function mknodAll(nodes: readonly NodeSpec[]): Promise<void> {
  let batch: string[] = [];
  let bytes = 0;
  for (const n of nodes) {
    const a = args(n);
    batch.push(...a);
    bytes += a.reduce((s, x) => s + Buffer.byteLength(x) + 1, 0);
    if (bytes >= BATCH_BYTES) {
      await run(batch);
      batch = [];
      bytes = 0;
    }
  }
  if (batch.length > 0) await run(batch);
}

export function mknod(path: string, type: NodeType, mode: number, major = 0, minor = 0): Promise<void> {
  return mknodAll([{ path, type, mode, major, minor }]);
}

export function mkfifo(path: string, mode: number): Promise<void> {
  return mknodAll([{ path, type: 'fifo', mode }]);
}

/** An overlayfs whiteout: a character device 0:0 with mode 000, as Docker's overlay2 driver writes it. */
export function mkWhiteout(path: string): Promise<void> {
  return mknodAll([{ path, type: 'char', mode: 0, major: 0, minor: 0 }]);
}
