// Copies a directory tree onto another with everything a root filesystem needs kept: owners, modes, nanosecond
// timestamps, xattrs, hard links within the copy, device nodes, sparse files and reflinks where the filesystem has
// them. Node's fs cannot set nanosecond times, so this runs coreutils `cp` (one process per tree).

import { BerthError } from '../errors.js';
import { describeFailure, exec } from './exec.js';

export interface CopyTreeOptions {
  /**
   * Fail when an extended attribute can't be copied (a whiteout's opaque mark must never be lost silently). By
   * default, as `cp -a` does, attributes the target filesystem refuses are skipped.
   */
  strictXattrs?: boolean;
}

/**
 * Merges the contents of `src` into the existing directory `dst`: directories merge, other entries replace what is
 * there (removed first, so a hard link in `dst` is never written through).
 */
export async function copyTree(src: string, dst: string, opts: CopyTreeOptions = {}): Promise<void> {
  const keep = opts.strictXattrs ? ['-dR', '--preserve=mode,ownership,timestamps,links,xattr'] : ['-a'];
  const r = await exec('cp', [...keep, '--remove-destination', '--reflink=auto', '-T', '--', src, dst]);
  if (r.code !== 0) throw new BerthError('FAILED_PRECONDITION', `copy ${src}: ${describeFailure('cp', r)}`);
}
