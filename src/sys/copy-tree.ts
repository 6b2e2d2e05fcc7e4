// Copies a directory tree onto another with everything a root filesystem needs kept: owners, modes, nanosecond
// timestamps, xattrs, hard links within the copy, device nodes, sparse files and reflinks where the filesystem has
// them. Node's fs cannot set nanosecond times, so this runs coreutils `cp -a` (one process per tree).

import { BerthError } from '../errors.js';
import { describeFailure, exec } from './exec.js';

/**
 * Merges the contents of `src` into the existing directory `dst`: directories merge, other entries replace what is
 * there (removed first, so a hard link in `dst` is never written through).
 */
export async function copyTree(src: string, dst: string): Promise<void> {
  const r = await exec('cp', ['-a', '--remove-destination', '--reflink=auto', '-T', '--', src, dst]);
  if (r.code !== 0) throw new BerthError('FAILED_PRECONDITION', `copy ${src}: ${describeFailure('cp', r)}`);
}
