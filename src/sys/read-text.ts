// A small file's text read synchronously (a thread-pool round trip costs more than the read), or null when it can't
// be read (missing, unreadable): for files whose absence is an answer.

import { readFileSync } from 'node:fs';

export function readTextOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
