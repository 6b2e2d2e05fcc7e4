// Layers of an archive that the store already holds, recognised by their archive path before their bytes are read:
// `blobs/sha256/<hex>` names the blob's own digest, and a classic `<v1id>/layer.tar` names a v1 ID that berth can
// compute for every stored image (v1.ts). Such a layer is only hashed on the way past (never trusted by name),
// not unpacked again: loading an image whose layers are present costs a read of the archive and no disk.

import type { Store } from '../../store/store.js';
import { type Digest } from '../../digest/digest.js';
import { localOffsetSeconds } from '../../format/go-time.js';
import { v1Layers, v1LowerID } from './v1.js';

export interface KnownLayer {
  diffID: Digest;
  /** A stored chain ending in this layer (the one a v1 name promises; any one for a blob named by digest). */
  chainID: Digest;
  /** What the archive's bytes must hash to: the diffID for an uncompressed tar, else the named blob digest. */
  expect: Digest;
  /** A stored blob holding this layer, to unpack from should the chain need a copy after all. */
  storedBlob: { digest: Digest; size: number; mediaType: string };
}

const BLOB_PATH = /^blobs\/sha256\/([a-f0-9]{64})$/;
const V1_PATH = /^([a-f0-9]{64})\/layer\.tar$/;

export class KnownLayers {
  private constructor(
    private readonly byBlob: Map<Digest, KnownLayer>,
    private readonly byV1: Map<string, KnownLayer>,
  ) {}

  static empty(): KnownLayers {
    return new KnownLayers(new Map(), new Map());
  }

  /** Indexes the store's layers (by diffID and blob digests) and its images' v1 layer IDs. */
  static async of(store: Store): Promise<KnownLayers> {
    const layers = await store.layers.list();
    if (layers.length === 0) return KnownLayers.empty();
    const byBlob = new Map<Digest, KnownLayer>();
    const byChain = new Map<Digest, (typeof layers)[number]>();
    for (const l of layers) {
      if (!l.blobs.length) continue;
      byChain.set(l.chainID, l);
      const storedBlob = l.blobs[0];
      byBlob.set(l.diffID, { diffID: l.diffID, chainID: l.chainID, expect: l.diffID, storedBlob });
      for (const b of l.blobs) byBlob.set(b.digest, { diffID: l.diffID, chainID: l.chainID, expect: b.digest, storedBlob: b });
    }
    const byV1 = new Map<string, KnownLayer>();
    // Lower layers' v1 IDs depend on the saving daemon's zone at the epoch: index UTC and the local zone.
    const offsets = [...new Set([0, localOffsetSeconds(0)])];
    // Every stored layer as a lower layer of any image: named by its chain alone.
    for (const epochOffsetSeconds of offsets) {
      const lowerIDs = new Map<Digest, string | null>();
      const lowerID = (chainID: Digest): string | null => {
        if (lowerIDs.has(chainID)) return lowerIDs.get(chainID)!;
        lowerIDs.set(chainID, null); // a cycle in damaged records ends here
        const l = byChain.get(chainID);
        const parent = l?.parent ? lowerID(l.parent) : undefined;
        const id = l && parent !== null ? v1LowerID(chainID, parent, { epochOffsetSeconds }) : null;
        lowerIDs.set(chainID, id);
        return id;
      };
      for (const l of byChain.values()) {
        const id = lowerID(l.chainID);
        if (id) byV1.set(id, { diffID: l.diffID, chainID: l.chainID, expect: l.diffID, storedBlob: l.blobs[0] });
      }
    }
    for (const rec of await store.images.list()) {
      const configBytes = await store.content.read(rec.id).catch(() => null);
      if (!configBytes) continue;
      let diffIDs: Digest[];
      try {
        diffIDs = JSON.parse(configBytes.toString('utf8')).rootfs.diff_ids;
        if (!Array.isArray(diffIDs) || diffIDs.length !== rec.layers.length) continue;
      } catch {
        continue;
      }
      for (const epochOffsetSeconds of offsets) {
        let v1: ReturnType<typeof v1Layers>;
        try {
          v1 = v1Layers(configBytes, diffIDs, { epochOffsetSeconds });
        } catch {
          continue;
        }
        v1.forEach((layer, i) => {
          const rec2 = byChain.get(rec.layers[i]);
          if (!rec2) return;
          byV1.set(layer.id, { diffID: diffIDs[i], chainID: rec.layers[i], expect: diffIDs[i], storedBlob: rec2.blobs[0] });
        });
      }
    }
    return new KnownLayers(byBlob, byV1);
  }

  /** What the store knows about the layer at this archive path, if anything. */
  lookup(path: string): KnownLayer | undefined {
    const blob = BLOB_PATH.exec(path);
    if (blob) return this.byBlob.get(`sha256:${blob[1]}`);
    const v1 = V1_PATH.exec(path);
    if (v1) return this.byV1.get(v1[1]);
    return undefined;
  }
}

