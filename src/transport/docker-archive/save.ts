// `save`: Docker's classic docker-archive (manifest.json, repositories, <v1id>/{VERSION,json,layer.tar},
// <id>.json), byte-identical to what Docker 20.10 writes for the same image. Layer tars are the stored blobs,
// copied as they are (decompressed if they were kept compressed) and checked against their diffIDs on the way.

import type { Readable, Writable } from 'node:stream';
import type { Store } from '../../store/store.js';
import { BerthError } from '../../errors.js';
import { hex, type Digest } from '../../digest/digest.js';
import { VerifyStream } from '../../digest/hash-stream.js';
import { goJSON } from '../../format/go-json.js';
import { parseRFC3339 } from '../../format/go-time.js';
import { encodeHeader } from '../../archive/tar/header-encode.js';
import type { TarHeader, TarEntryType } from '../../archive/tar/entry.js';
import { decompressStream } from '../../archive/compression.js';
import { parseAnyReference } from '../../reference/normalize.js';
import { parseNormalizedNamed } from '../../reference/normalize.js';
import { findImage, noSuchImage } from '../../image/resolve.js';
import type { LayerRecord } from '../../layer/store.js';
import { v1Layers } from './v1.js';

interface Entry {
  name: string;
  type: TarEntryType;
  mode: number;
  mtime: Date;
  size: number;
  linkname?: string;
  body?: () => Promise<Readable> | Readable;
  data?: Buffer;
}

interface Selected {
  id: Digest;
  tags: string[]; // familiar name:tag, in the order first asked for
}

/** Which images and tags `save NAME...` means: a bare repository name takes all its tags (Docker's parseNames). */
export async function selectImages(store: Store, names: string[]): Promise<Selected[]> {
  const out: Selected[] = [];
  const add = (id: Digest, tag?: string) => {
    let s = out.find((o) => o.id === id);
    if (!s) out.push((s = { id, tags: [] }));
    if (tag && !s.tags.includes(tag)) s.tags.push(tag);
  };
  const allTags = await store.images.tags();
  for (const name of names) {
    let ref = null;
    try {
      const p = parseAnyReference(name);
      if (typeof p !== 'string') ref = p;
    } catch {
      ref = null;
    }
    if (ref && ref.isNameOnly()) {
      const tagged = Object.keys(allTags)
        .filter((t) => parseNormalizedNamed(t).name === ref!.name)
        .sort();
      if (tagged.length) {
        for (const t of tagged) add(allTags[t], parseNormalizedNamed(t).familiar());
        continue;
      }
    }
    // Docker's parseNames: an untagged name no tag matches is searched as an ID prefix ("No such image: NAME" as
    // typed); a tag or digest reference that names nothing is "reference does not exist".
    const r = await findImage(store, name);
    if (!r) throw ref && !ref.isNameOnly() ? new BerthError('NOT_FOUND', 'reference does not exist') : noSuchImage(name);
    add(r.id, r.ref && !r.ref.digest ? r.ref.familiar() : undefined);
  }
  return out;
}

const EPOCH = new Date(0);

export async function saveImages(store: Store, names: string[], out: Writable): Promise<void> {
  const selected = await selectImages(store, names);
  const entries = new Map<string, Entry>();
  const manifest: { Config: string; RepoTags: string[] | null; Layers: string[] }[] = [];
  const repositories = new Map<string, Map<string, string>>();
  const layerPathByDiff = new Map<string, string>();
  const put = (e: Entry) => {
    if (!entries.has(e.name)) entries.set(e.name, e);
  };

  for (const sel of selected) {
    const configBytes = await store.content.read(sel.id);
    const config = JSON.parse(configBytes.toString('utf8'));
    const t = typeof config.created === 'string' ? parseRFC3339(config.created) : null;
    const created = t ? new Date(t.seconds * 1000) : EPOCH;
    const rec = await store.images.get(sel.id);
    if (!rec) throw noSuchImage(sel.id);
    const layers: LayerRecord[] = [];
    for (const c of rec.layers) {
      const l = await store.layers.get(c);
      if (!l) throw new BerthError('DATA_LOSS', `image ${sel.id}: layer ${c} is missing (run berth system check)`);
      layers.push(l);
    }
    const v1 = v1Layers(configBytes, layers.map((l) => l.diffID));
    const paths: string[] = [];
    v1.forEach((v, i) => {
      const l = layers[i];
      put({ name: `${v.id}/`, type: 'directory', mode: 0o755, mtime: created, size: 0 });
      put({ name: `${v.id}/VERSION`, type: 'file', mode: 0o644, mtime: created, size: 3, data: Buffer.from('1.0') });
      put({ name: `${v.id}/json`, type: 'file', mode: 0o644, mtime: created, size: Buffer.byteLength(v.json), data: Buffer.from(v.json) });
      const path = `${v.id}/layer.tar`;
      const first = layerPathByDiff.get(l.diffID);
      if (first && first !== path) {
        put({ name: path, type: 'symlink', mode: 0o644, mtime: created, size: 0, linkname: `../${first}` });
      } else {
        layerPathByDiff.set(l.diffID, path);
        put({ name: path, type: 'file', mode: 0o644, mtime: created, size: l.tarSize, body: () => layerTar(store, l) });
      }
      paths.push(path);
    });
    const configName = `${hex(sel.id)}.json`;
    put({ name: configName, type: 'file', mode: 0o644, mtime: created, size: configBytes.length, data: configBytes });
    manifest.push({ Config: configName, RepoTags: sel.tags.length ? sel.tags : null, Layers: paths });
    for (const tag of sel.tags) {
      const ref = parseNormalizedNamed(tag);
      if (!repositories.has(ref.familiarName)) repositories.set(ref.familiarName, new Map());
      repositories.get(ref.familiarName)!.set(ref.tag!, v1[v1.length - 1].id);
    }
  }
  const manifestBytes = Buffer.from(goJSON(manifest) + '\n');
  put({ name: 'manifest.json', type: 'file', mode: 0o644, mtime: EPOCH, size: manifestBytes.length, data: manifestBytes });
  if (repositories.size) {
    const repoBytes = Buffer.from(goJSON(repositories) + '\n');
    put({ name: 'repositories', type: 'file', mode: 0o644, mtime: EPOCH, size: repoBytes.length, data: repoBytes });
  }
  await writeTar(out, [...entries.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)));
}

async function layerTar(store: Store, l: LayerRecord): Promise<Readable> {
  const plain = l.blobs.find((b) => b.digest === l.diffID);
  const blob = plain ?? l.blobs[0];
  if (!blob) throw new BerthError('DATA_LOSS', `layer ${l.chainID} has no stored blob`);
  const raw = store.content.open(blob.digest);
  const tar = plain ? raw : (await decompressStream(raw)).stream;
  const verify = new VerifyStream(l.diffID, l.tarSize, `layer ${l.chainID}`);
  tar.on("error", (e: Error) => verify.destroy(e));
  return tar.pipe(verify);
}

function header(e: Entry): Buffer {
  const h: TarHeader = {
    name: e.name,
    type: e.type,
    mode: e.mode,
    uid: 0,
    gid: 0,
    size: e.type === 'file' ? e.size : 0,
    mtime: e.mtime,
    linkname: e.linkname ?? '',
    uname: 'root',
    gname: 'root',
    devmajor: 0,
    devminor: 0,
    xattrs: new Map(),
  };
  return encodeHeader(h, { modeTypeBits: true });
}

/** Writes with backpressure; the listeners go once the wait is over (no pile-up across thousands of writes). */
async function write(out: Writable, chunk: Buffer): Promise<void> {
  if (out.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const done = (err?: Error) => {
      out.off('drain', onDrain);
      out.off('error', done);
      out.off('close', onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(out.errored ?? new BerthError('UNAVAILABLE', 'save: the output was closed'));
    out.on('drain', onDrain);
    out.on('error', done);
    out.on('close', onClose);
  });
}

async function writeTar(out: Writable, entries: Entry[]): Promise<void> {
  for (const e of entries) {
    await write(out, header(e));
    if (e.type !== 'file') continue;
    let n = 0;
    if (e.data) {
      await write(out, e.data);
      n = e.data.length;
    } else if (e.body) {
      for await (const chunk of await e.body()) {
        n += (chunk as Buffer).length;
        await write(out, chunk as Buffer);
      }
    }
    if (n !== e.size) throw new BerthError('DATA_LOSS', `save: ${e.name}: wrote ${n} bytes, expected ${e.size}`);
    const pad = (512 - (n % 512)) % 512;
    if (pad) await write(out, Buffer.alloc(pad));
  }
  await write(out, Buffer.alloc(1024));
}

