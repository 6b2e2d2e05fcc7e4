// Helpers for the snapshotter and changes/diff tests: images made of hand-written layer tars (through the normal
// unpack + commit path), mounting a prepared writable layer, and fingerprints of directory trees to prove that
// layer directories stay byte-for-byte unchanged.

import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { TarWriter, type TarWriteHeader } from '../../src/archive/tar/write.js';
import { readTar } from '../../src/archive/tar/read.js';
import { sha256, type Digest } from '../../src/digest/digest.js';
import { goJSON } from '../../src/format/go-json.js';
import { commitImage, type StagedLayer } from '../../src/image/commit.js';
import { unpackLayer } from '../../src/layer/unpack.js';
import type { Store } from '../../src/store/store.js';
import { llistxattr, lgetxattr } from '../../src/sys/xattr.js';
import { mount, umount, type Mount } from '../../src/sys/mount.js';

export interface Entry extends Partial<TarWriteHeader> {
  name: string;
  content?: string;
}

export const dir = (name: string, mode = 0o755): Entry => ({ name: `${name}/`, type: 'directory', mode });
export const file = (name: string, content: string, mode = 0o644): Entry => ({ name, type: 'file', mode, content });

export function layerTar(entries: Entry[]): Readable {
  const w = new TarWriter();
  void (async () => {
    for (const e of entries) {
      const { content, ...h } = e;
      const body = content === undefined ? undefined : Buffer.from(content);
      await w.add({ type: 'file', mtime: new Date(1_600_000_000_000), ...h, size: body?.length ?? 0 } as TarWriteHeader, body);
    }
    await w.finish();
  })();
  return w;
}

/** An image whose layers are `layers` (bottom first); returns its ID and chainIDs. */
export async function buildImage(store: Store, layers: Entry[][], tag?: string): Promise<{ id: Digest; chain: Digest[] }> {
  await using staging = await store.staging();
  const staged = new Map<Digest, StagedLayer>();
  const diffIDs: Digest[] = [];
  for (const entries of layers) {
    const d = await staging.subdir('layer');
    const layer = await unpackLayer(store.content, layerTar(entries), d, { staging: staging.dir });
    staged.set(layer.diffID, { dir: d, layer });
    diffIDs.push(layer.diffID);
  }
  const config = {
    architecture: 'amd64',
    config: { Cmd: ['/bin/sh'] },
    created: '2020-09-13T12:26:40Z',
    history: layers.map(() => ({ created: '2020-09-13T12:26:40Z', created_by: 'fixture' })),
    os: 'linux',
    rootfs: { type: 'layers', diff_ids: diffIDs },
  };
  const bytes = Buffer.from(goJSON(config));
  await store.content.put(staging.dir, bytes, sha256(bytes));
  const r = await commitImage(store, { configBytes: bytes, diffIDs, staged, tags: tag ? [tag] : [], staging: staging.dir });
  const rec = (await store.images.get(r.id))!;
  return { id: r.id, chain: rec.layers };
}

/** Mounts `mounts[0]` at `target` (made if missing), runs `fn`, unmounts. */
export async function withMount<T>(mounts: Mount[], target: string, fn: (root: string) => T | Promise<T>): Promise<T> {
  mkdirSync(target, { recursive: true });
  await mount(mounts[0], target);
  try {
    return await fn(target);
  } finally {
    await umount(target);
  }
}

/** Everything about a tree that a layer directory must keep: types, modes, owners, ns mtimes, xattrs, contents. */
export function fingerprint(root: string): string {
  const h = createHash('sha256');
  const walk = (abs: string, rel: string) => {
    const st = lstatSync(abs, { bigint: true });
    h.update(`${rel}\0${st.mode}\0${st.uid}\0${st.gid}\0${st.rdev}\0${st.mtimeNs}\0${st.nlink}\0`);
    for (const x of llistxattr(abs).sort()) h.update(`${x}=${lgetxattr(abs, x)?.toString('hex')}\0`);
    if (st.isSymbolicLink()) h.update(readlinkSync(abs));
    else if (st.isFile()) h.update(readFileSync(abs));
    else if (st.isDirectory()) for (const n of readdirSync(abs).sort()) walk(join(abs, n), `${rel}/${n}`);
  };
  walk(root, '');
  return h.digest('hex');
}

export interface TarItem {
  name: string;
  type: string;
  mode: number;
  uid: number;
  gid: number;
  uname: string;
  gname: string;
  mtime: number;
  linkname: string;
  content: string;
  xattrs: string[];
}

/** The entries of a tar stream, bodies read. */
export async function tarItems(stream: Readable): Promise<TarItem[]> {
  const out: TarItem[] = [];
  for await (const e of readTar(stream)) {
    const chunks: Buffer[] = [];
    for await (const c of e.body) chunks.push(c as Buffer);
    out.push({
      name: e.name,
      type: e.type,
      mode: e.rawMode ?? e.mode,
      uid: e.uid,
      gid: e.gid,
      uname: e.uname,
      gname: e.gname,
      mtime: e.mtime.getTime(),
      linkname: e.linkname,
      content: Buffer.concat(chunks).toString('utf8'),
      xattrs: [...e.xattrs.keys()],
    });
  }
  return out;
}
