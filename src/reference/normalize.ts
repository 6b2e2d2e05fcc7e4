// What Docker does to the names users type: `ubuntu` → `docker.io/library/ubuntu`, `index.docker.io` →
// `docker.io`, `:latest` when nothing else is given (distribution `reference/normalize.go`, `helpers.go`, as
// vendored by Docker 20.10, whose error strings these are).

import { isDigest, type Digest } from '../digest/digest.js';
import { DEFAULT_TAG, splitDockerDomain } from './domain.js';
import { ERR_NAME_UPPERCASE, ERR_REFERENCE_FORMAT, parse, referenceError } from './parse.js';
import { Reference } from './reference.js';

const IDENTIFIER_RE = /^[a-f0-9]{64}$/;

/** ParseNormalizedNamed: a familiar or full name, with an optional tag and digest, made canonical. */
export function parseNormalizedNamed(s: string): Reference {
  if (IDENTIFIER_RE.test(s)) {
    throw referenceError(`invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`);
  }
  const { domain, remainder } = splitDockerDomain(s);
  const tagSep = remainder.indexOf(':');
  const remote = tagSep > -1 ? remainder.slice(0, tagSep) : remainder;
  if (remote.toLowerCase() !== remote) throw referenceError(ERR_NAME_UPPERCASE);
  const parts = parse(`${domain}/${remainder}`);
  // Docker 20.10 keeps an empty domain for `foo_bar.com/x` and later fails to pull it; berth refuses it here.
  if (parts.domain !== domain) throw referenceError(ERR_REFERENCE_FORMAT);
  return new Reference(parts);
}

/** TagNameOnly: adds `:latest` to a reference with neither tag nor digest. */
export function tagNameOnly(ref: Reference): Reference {
  return ref.isNameOnly() ? ref.withTag(DEFAULT_TAG) : ref;
}

/** ParseDockerRef: normalised, `:latest` added to bare names, and the tag dropped when a digest is given. */
export function parseDockerRef(s: string): Reference {
  const ref = parseNormalizedNamed(s);
  if (ref.tag !== undefined && ref.digest !== undefined) {
    return new Reference({ domain: ref.domain, path: ref.path, digest: ref.digest });
  }
  return tagNameOnly(ref);
}

/** ParseAnyReference: a 64-hex image ID or a `sha256:` digest comes back as a Digest, anything else as a name. */
export function parseAnyReference(s: string): Reference | Digest {
  if (IDENTIFIER_RE.test(s)) return `sha256:${s}`;
  if (isDigest(s)) return s;
  return parseNormalizedNamed(s);
}
