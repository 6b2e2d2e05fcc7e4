// Digest type and helpers: parse and check `sha256:<64 hex>` once at the edge, hash bytes, compute chainIDs.

import { createHash } from 'node:crypto';
import { BerthError } from '../errors.js';

export type Digest = `sha256:${string}`;

const DIGEST_RE = /^sha256:[a-f0-9]{64}$/;

export function isDigest(s: string): s is Digest {
  return DIGEST_RE.test(s);
}

export function parseDigest(s: string, what = 'digest'): Digest {
  if (!isDigest(s)) throw new BerthError('INVALID_ARGUMENT', `invalid ${what}: ${JSON.stringify(s)}`);
  return s;
}

export function hex(d: Digest): string {
  return d.slice(7);
}

export function sha256(data: Uint8Array | string): Digest {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** chainID(L1) = diffID(L1); chainID(Ln) = sha256(chainID(Ln-1) + " " + diffID(Ln)). */
export function chainIDs(diffIDs: readonly Digest[]): Digest[] {
  const out: Digest[] = [];
  for (const d of diffIDs) out.push(out.length === 0 ? d : sha256(`${out[out.length - 1]} ${d}`));
  return out;
}

/** The diffID of a layer tar that holds nothing: 1024 zero bytes. */
export const EMPTY_LAYER_DIFF_ID: Digest = 'sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef';
