// The reference grammar as Docker 20.10 vendors it (distribution `reference/regexp.go`, `reference.go`):
// name [":" tag] ["@" digest], the 255-character name limit, and go-digest's checks on the digest. No
// normalisation here (see normalize.ts). Parsing splits at '@' and at the last ':' after the last '/', then checks
// each part with an anchored pattern, so a hostile string costs linear time.

import { BerthError } from '../errors.js';
import type { Digest } from '../digest/digest.js';

export const NAME_TOTAL_LENGTH_MAX = 255;

/** domain is '' when the name has no domain part; tag and digest are absent when not given. */
export interface ReferenceParts {
  domain: string;
  path: string;
  tag?: string;
  digest?: Digest;
}

// `[-]*` in upstream's separator is written `-+` here: the same language without nested ambiguity.
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '[a-zA-Z0-9]+(?:-+[a-zA-Z0-9]+)*';
const DOMAIN = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*(?::[0-9]+)?`;

const NAME_RE = new RegExp(`^(?:(${DOMAIN})/)?(${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)$`);
const TAG_RE = /^\w[\w.-]{0,127}$/;
const REF_DIGEST_RE = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
/** go-digest's DigestRegexpAnchored, consulted for algorithms it does not know. */
const GO_DIGEST_RE = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
const HEX_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

export const ERR_REFERENCE_FORMAT = 'invalid reference format';
export const ERR_NAME_UPPERCASE = 'invalid reference format: repository name must be lowercase';

export function referenceError(message: string): BerthError {
  return new BerthError('INVALID_ARGUMENT', message);
}

export function isTag(tag: string): boolean {
  return TAG_RE.test(tag);
}

export function validateTag(tag: string): string {
  if (!isTag(tag)) throw referenceError('invalid tag format');
  return tag;
}

/** Splits a name (no tag, no digest) into domain and path as upstream's anchoredNameRegexp does. */
export function splitName(name: string): { domain: string; path: string } | null {
  const m = NAME_RE.exec(name);
  return m ? { domain: m[1] ?? '', path: m[2] } : null;
}

interface Split {
  name: string;
  tag?: string;
  digest?: string;
}

function split(s: string): Split | null {
  let rest = s;
  let digest: string | undefined;
  const at = s.indexOf('@');
  if (at >= 0) {
    digest = s.slice(at + 1);
    rest = s.slice(0, at);
    if (!REF_DIGEST_RE.test(digest)) return null;
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG_RE.test(tag)) return null;
  }
  if (!NAME_RE.test(rest)) return null;
  return { name: rest, tag, digest };
}

/** go-digest's Digest.Validate, then berth's own limit: only sha256 content is addressable. */
export function parseReferenceDigest(s: string): Digest {
  const i = s.indexOf(':');
  if (i <= 0 || i + 1 === s.length) throw referenceError('invalid checksum digest format');
  const algorithm = s.slice(0, i);
  const encoded = s.slice(i + 1);
  const want = HEX_LENGTH[algorithm];
  if (want === undefined) {
    throw referenceError(GO_DIGEST_RE.test(s) ? 'unsupported digest algorithm' : 'invalid checksum digest format');
  }
  if (encoded.length !== want) throw referenceError('invalid checksum digest length');
  if (!/^[a-f0-9]+$/.test(encoded)) throw referenceError('invalid checksum digest format');
  if (algorithm !== 'sha256') throw referenceError(`unsupported digest algorithm: ${algorithm}`);
  return s as Digest;
}

/** distribution's reference.Parse: the string as written, nothing added. */
export function parse(s: string): ReferenceParts {
  const parts = split(s);
  if (!parts) {
    if (s === '') throw referenceError('repository name must have at least one component');
    if (split(s.toLowerCase())) throw referenceError(ERR_NAME_UPPERCASE);
    throw referenceError(ERR_REFERENCE_FORMAT);
  }
  if (parts.name.length > NAME_TOTAL_LENGTH_MAX) {
    throw referenceError(`repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters`);
  }
  const { domain, path } = splitName(parts.name)!;
  const out: ReferenceParts = { domain, path };
  if (parts.tag !== undefined) out.tag = parts.tag;
  if (parts.digest !== undefined) out.digest = parseReferenceDigest(parts.digest);
  return out;
}
