// The merged tree of a stack of overlay-form layer directories (uppermost first) as one tar, which is what
// `docker export` writes for a container: every visible entry in name order, whiteouts and opaque directories
// applied, no root entry, entries in moby's addTarFile form. Read in user space, so nothing is mounted.

import type { Readable } from 'node:stream';
import { FsTarAppender } from './fs-tar.js';
import { tarStream } from './diff.js';
import { compareNames, listDir, lookup, rootView, type DirView } from './lower-view.js';

async function addMerged(a: FsTarAppender, dir: DirView, prefix: string): Promise<void> {
  const entries = listDir(dir);
  for (const name of [...entries.keys()].sort(compareNames)) {
    const { abs, st } = entries.get(name)!;
    await a.add(abs, `${prefix}${name}`, st);
    if (st.isDirectory()) await addMerged(a, lookup(dir, name, true)!.view, `${prefix}${name}/`);
  }
}

export function mergedTar(layers: readonly string[]): Readable {
  return tarStream((w) => addMerged(new FsTarAppender(w), rootView(layers), ''));
}
