// .dockerignore as Docker reads it (one pattern a line, `#` comments, `!` exceptions, paths cleaned and made
// relative), matched with @balena/dockerignore, a port of Docker's own matcher.

import { join } from 'node:path';
import { readTextOrNull } from '../sys/read-text.js';
import dockerignore from '@balena/dockerignore';

// The package is CommonJS with `factory.default = factory`: the default import is the module object under NodeNext.
type Factory = (opts?: { ignorecase?: boolean }) => { add(p: string[]): { ignores(p: string): boolean } };
const ignore = (dockerignore as unknown as { default: Factory }).default;

export interface IgnoreMatcher {
  /** Whether a context-relative path (forward slashes) is excluded. */
  ignores(rel: string): boolean;
  /** Whether any `!` exception exists (then excluded directories must still be walked). */
  readonly hasExceptions: boolean;
}

export function ignoreMatcher(text: string): IgnoreMatcher {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const ig = ignore().add(lines);
  const hasExceptions = lines.some((l) => l.trim().startsWith('!'));
  return { ignores: (rel) => ig.ignores(rel), hasExceptions };
}

export function readDockerignore(contextDir: string): IgnoreMatcher | null {
  const text = readTextOrNull(join(contextDir, '.dockerignore'));
  return text === null ? null : ignoreMatcher(text);
}
