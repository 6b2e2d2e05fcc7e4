// A writable layer → the layer tar a commit stores, as Docker produces it. Overlay: the upper directory itself,
// walked in name order (moby overlay2 Diff = TarWithOptions(upper, OverlayWhiteoutFormat)): a whiteout device
// becomes `.wh.NAME` (regular, 0600, the device's owner and mtime), an opaque directory is followed by
// `DIR/.wh..wh..opq` (regular, the directory's permission bits and owner, mtime 0). Full copies (vfs): the changes,
// sorted by path, each written from the copy, deletions as `.wh.NAME` (moby ExportChanges; berth gives those
// whiteouts mode 0600 and mtime 0 where moby writes mode 0 and the current time, so the tar is reproducible).

import { lstatSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { TarWriter } from '../archive/tar/write.js';
import { FsTarAppender, ownerFields, wholeSeconds } from './fs-tar.js';
import { layerChanges, type Change, type LayerSource } from './changes.js';
import { isOpaque, isWhiteout, sortedNames } from './lower-view.js';
import { WHITEOUT_OPAQUE, WHITEOUT_PREFIX } from './whiteout.js';

/** A tar stream whose entries `produce` adds once the consumer starts reading (so its errors have a listener). */
class ProducedTar extends TarWriter {
  private started = false;

  constructor(private readonly produce: (w: TarWriter) => Promise<void>) {
    super();
  }

  override _read(): void {
    if (!this.started) {
      this.started = true;
      this.produce(this)
        .then(() => this.finish())
        .catch((e: unknown) => this.destroy(e as Error));
    }
    super._read();
  }
}

/** The stream fails with whatever `produce` throws. */
export function tarStream(produce: (w: TarWriter) => Promise<void>): Readable {
  return new ProducedTar(produce);
}

async function addUpperDir(a: FsTarAppender, abs: string, prefix: string): Promise<void> {
  for (const name of sortedNames(abs)) {
    const child = `${abs}/${name}`;
    const st = lstatSync(child);
    if (isWhiteout(st)) {
      await a.writer.add({
        name: `${prefix}${WHITEOUT_PREFIX}${name}`,
        type: 'file',
        mode: 0o600,
        ...ownerFields(st),
        mtime: wholeSeconds(st),
      });
      continue;
    }
    await a.add(child, `${prefix}${name}`, st);
    if (!st.isDirectory()) continue;
    if (isOpaque(child)) {
      await a.writer.add({
        name: `${prefix}${name}/${WHITEOUT_OPAQUE}`,
        type: 'file',
        mode: st.mode & 0o777,
        ...ownerFields(st),
        mtime: new Date(0),
      });
    }
    await addUpperDir(a, child, `${prefix}${name}/`);
  }
}

/** Whether committing `src` would give an empty layer (a layer tar with no entries). */
export function isEmptyLayer(src: LayerSource, changes?: Change[]): boolean {
  if (src.kind === 'overlay') return sortedNames(src.path).length === 0;
  return (changes ?? layerChanges(src)).length === 0;
}

/** moby's changesByPath: plain string order of the whole path. */
function byPath(a: Change, b: Change): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

async function addChanges(a: FsTarAppender, root: string, changes: Change[]): Promise<void> {
  for (const c of [...changes].sort(byPath)) {
    const rel = c.path.slice(1);
    if (c.kind === 'D') {
      const cut = rel.lastIndexOf('/') + 1;
      await a.writer.add({ name: `${rel.slice(0, cut)}${WHITEOUT_PREFIX}${rel.slice(cut)}`, type: 'file', mode: 0o600 });
      continue;
    }
    const abs = `${root}${c.path}`;
    const st = lstatSync(abs, { throwIfNoEntry: false });
    if (st) await a.add(abs, rel, st);
  }
}

/**
 * The layer tar of a writable layer. For a full copy, pass the changes if they are already known. The stream fails
 * if a file cannot be read.
 */
export function layerTar(src: LayerSource, changes?: Change[]): Readable {
  return tarStream(async (w) => {
    const a = new FsTarAppender(w);
    if (src.kind === 'overlay') await addUpperDir(a, src.path, '');
    else await addChanges(a, src.path, changes ?? layerChanges(src));
  });
}
