// Familiar forms, as Docker prints references: `docker.io/` dropped, and `library/` dropped from two-part paths
// on Docker Hub (distribution `reference/normalize.go` familiarizeName, `helpers.go` FamiliarName/FamiliarString).

import { DEFAULT_DOMAIN, OFFICIAL_REPO_NAME } from './domain.js';
import type { ReferenceParts } from './parse.js';

export function familiarName(ref: Pick<ReferenceParts, 'domain' | 'path'>): string {
  if (ref.domain !== DEFAULT_DOMAIN) return ref.domain === '' ? ref.path : `${ref.domain}/${ref.path}`;
  const parts = ref.path.split('/');
  return parts.length === 2 && parts[0] === OFFICIAL_REPO_NAME ? parts[1] : ref.path;
}

export function familiarString(ref: ReferenceParts): string {
  let s = familiarName(ref);
  if (ref.tag !== undefined) s += `:${ref.tag}`;
  if (ref.digest !== undefined) s += `@${ref.digest}`;
  return s;
}
