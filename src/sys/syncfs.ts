// syncfs(2) for the filesystem holding a path, through coreutils `sync --file-system` (Node has no binding): one
// flush for everything a load or commit unpacked, instead of an fsync per file.

import { BerthError } from '../errors.js';
import { describeFailure, exec } from './exec.js';

export async function syncFilesystem(path: string): Promise<void> {
  const r = await exec('sync', ['--file-system', path]);
  if (r.code !== 0) throw new BerthError('FAILED_PRECONDITION', `sync ${path}: ${describeFailure('sync', r)}`);
}
