// docker/cli's ValidateOutputPath for `save -o` and `export -o`: the file's directory must exist and be a directory,
// and the file itself must not be a directory; its words.

import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** What is wrong with writing to `path`, or null. */
export function outputPathProblem(path: string): string | null {
  const dir = dirname(resolve(path));
  const d = statSync(dir, { throwIfNoEntry: false });
  if (!d) return `invalid output path: directory ${JSON.stringify(dirname(path))} does not exist`;
  if (!d.isDirectory()) return `invalid output path: ${JSON.stringify(dirname(path))} must be a directory`;
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) return `invalid output path: ${JSON.stringify(path)} must be a file`;
  return null;
}
