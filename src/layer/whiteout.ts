// OCI layer whiteout names (image-spec layer.md "Whiteouts"): `.wh.NAME` deletes NAME from the lower layers,
// `DIR/.wh..wh..opq` makes DIR opaque. `.wh..wh.`-prefixed names are AUFS metadata (hardlink dirs and such) that
// Docker skips. `.wh.`, `.wh..` and `.wh...` name nothing and are invalid.

export const WHITEOUT_PREFIX = '.wh.';
export const WHITEOUT_META_PREFIX = '.wh..wh.';
export const WHITEOUT_OPAQUE = '.wh..wh..opq';

export type WhiteoutName =
  | { kind: 'plain' }
  | { kind: 'whiteout'; target: string }
  | { kind: 'opaque' }
  | { kind: 'meta' }
  | { kind: 'invalid' };

const PLAIN: WhiteoutName = { kind: 'plain' };

/** Classifies the last component of a layer path. */
export function classifyWhiteout(base: string): WhiteoutName {
  if (!base.startsWith(WHITEOUT_PREFIX)) return PLAIN;
  if (base === WHITEOUT_OPAQUE) return { kind: 'opaque' };
  if (base.startsWith(WHITEOUT_META_PREFIX)) return { kind: 'meta' };
  const target = base.slice(WHITEOUT_PREFIX.length);
  if (target === '' || target === '.' || target === '..') return { kind: 'invalid' };
  return { kind: 'whiteout', target };
}
