// The classic builder's cache is the image store itself: a step hits when a child image of the same parent has a
// container_config equal to the step's probe config (moby image/cache: compare(), newest match wins). Image
// records are read once per build into a parent → children index; configs are read only for candidates.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../store/store.js';
import type { ImageRecord } from '../image/store.js';
import type { Digest } from '../digest/digest.js';
import type { ImageConfig } from '../oci/types.js';
import type { RunConfig } from './state.js';

type Obj = Record<string, unknown>;

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

/** moby image/cache compare(): Hostname, Image, WorkingDir and a few more are deliberately not compared. */
export function sameRunConfig(a: RunConfig | null | undefined, b: RunConfig | null | undefined): boolean {
  if (!a || !b || a.OpenStdin === true || b.OpenStdin === true) return false;
  for (const k of ['AttachStdout', 'AttachStderr', 'Tty']) if ((a[k] === true) !== (b[k] === true)) return false;
  if ((a.User ?? '') !== (b.User ?? '')) return false;
  const seqEq = (x: unknown, y: unknown) => {
    const p = list(x);
    const q = list(y);
    return p.length === q.length && p.every((v, i) => v === q[i]);
  };
  const keysIn = (x: unknown, y: unknown) => {
    const p = obj(x);
    const q = obj(y);
    return Object.keys(p).length === Object.keys(q).length && Object.keys(p).every((k) => k in q);
  };
  if (!seqEq(a.Cmd, b.Cmd) || !seqEq(a.Env, b.Env) || !seqEq(a.Entrypoint, b.Entrypoint)) return false;
  if (!keysIn(a.ExposedPorts, b.ExposedPorts) || !keysIn(a.Volumes, b.Volumes)) return false;
  const la = obj(a.Labels);
  const lb = obj(b.Labels);
  if (Object.keys(la).length !== Object.keys(lb).length) return false;
  return Object.entries(la).every(([k, v]) => lb[k] === v);
}

export class BuildCache {
  private children: Map<string, Digest[]> | null = null;
  /** Each indexed image's chain IDs as its record keeps them (a hit needs them; hashing them again loads crypto). */
  private chains = new Map<Digest, Digest[]>();
  private busted = false;

  constructor(
    private readonly store: Store,
    private readonly disabled: boolean,
  ) {}

  /** A new stage starts probing again (Docker resets the prober at every FROM). */
  reset(): void {
    this.busted = false;
  }

  /**
   * Image records only name their parent, so finding children means reading them all, once per build. Read
   * synchronously: these are small files written by rename, and a store of thousands is read in milliseconds this
   * way, several times faster than through the thread pool.
   */
  private index(): Map<string, Digest[]> {
    if (this.children) return this.children;
    const m = new Map<string, Digest[]>();
    for (const name of readdirSync(this.store.images.dir)) {
      if (!name.endsWith('.json')) continue;
      let rec: ImageRecord;
      try {
        rec = JSON.parse(readFileSync(join(this.store.images.dir, name), 'utf8')) as ImageRecord;
      } catch {
        continue;
      }
      if (!rec.id) continue;
      if (Array.isArray(rec.layers)) this.chains.set(rec.id, rec.layers);
      const k = rec.parent ?? '';
      const l = m.get(k);
      if (l) l.push(rec.id);
      else m.set(k, [rec.id]);
    }
    this.children = m;
    return m;
  }

  /** Records an image this build made, so later steps (and identical stages) can reuse it. */
  add(id: Digest, parent: Digest | null): void {
    if (!this.children) return;
    const k = parent ?? '';
    const l = this.children.get(k) ?? [];
    if (!l.includes(id)) this.children.set(k, [...l, id]);
  }

  /** The cached child of `parent` made by the same step, or null (and no more probing in this stage). */
  async probe(parent: Digest | null, probe: RunConfig): Promise<{ id: Digest; config: ImageConfig; chain?: Digest[] } | null> {
    if (this.disabled || this.busted) return null;
    const ids = this.index().get(parent ?? '') ?? [];
    let best: { id: Digest; config: ImageConfig; created: number } | null = null;
    for (const id of ids) {
      let config: ImageConfig;
      try {
        config = JSON.parse((await this.store.content.read(id)).toString('utf8')) as ImageConfig;
      } catch {
        continue;
      }
      if (!sameRunConfig(config.container_config as RunConfig, probe)) continue;
      const created = Date.parse(config.created ?? '') || 0;
      if (!best || best.created < created) best = { id, config, created };
    }
    if (!best) {
      this.busted = true;
      return null;
    }
    // The record's chain, when it fits the config (it always does for records berth wrote).
    const chain = this.chains.get(best.id);
    const fits = chain && chain.length === (best.config.rootfs?.diff_ids?.length ?? -1) && chain[0] === best.config.rootfs.diff_ids[0];
    return fits ? { id: best.id, config: best.config, chain } : { id: best.id, config: best.config };
  }
}
