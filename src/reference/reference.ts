// Reference: a normalised image reference (always with a domain, Docker Hub names under `library/` or a
// namespace), immutable. Build one with parseNormalizedNamed() or parseDockerRef(); the constructor re-checks
// its parts against the grammar and refuses a non-canonical split, as distribution's ParseNamed does.

import type { Digest } from '../digest/digest.js';
import { splitDockerDomain } from './domain.js';
import { familiarName, familiarString } from './familiar.js';
import { parse, parseReferenceDigest, referenceError, validateTag, type ReferenceParts } from './parse.js';

export class Reference implements ReferenceParts {
  readonly domain: string;
  readonly path: string;
  readonly tag?: string;
  readonly digest?: Digest;

  constructor(parts: ReferenceParts) {
    const full = format(parts);
    const got = parse(full);
    if (format(got) !== full || got.domain !== parts.domain) throw referenceError('invalid reference format');
    const canonical = splitDockerDomain(`${parts.domain}/${parts.path}`);
    if (canonical.domain !== parts.domain || canonical.remainder !== parts.path) {
      throw referenceError('repository name must be canonical');
    }
    this.domain = parts.domain;
    this.path = parts.path;
    if (got.tag !== undefined) this.tag = got.tag;
    if (got.digest !== undefined) this.digest = got.digest;
  }

  /** domain/path, e.g. `docker.io/library/busybox`. */
  get name(): string {
    return `${this.domain}/${this.path}`;
  }

  /** The name as Docker prints it, e.g. `busybox`. */
  get familiarName(): string {
    return familiarName(this);
  }

  /** The full form, e.g. `docker.io/library/busybox:latest`. */
  toString(): string {
    return format(this);
  }

  /** The form Docker prints, e.g. `busybox:latest`. */
  familiar(): string {
    return familiarString(this);
  }

  isNameOnly(): boolean {
    return this.tag === undefined && this.digest === undefined;
  }

  /** Like distribution's WithTag: a digest, if any, stays. */
  withTag(tag: string): Reference {
    return new Reference({ domain: this.domain, path: this.path, tag: validateTag(tag), digest: this.digest });
  }

  withDigest(digest: string): Reference {
    return new Reference({ domain: this.domain, path: this.path, tag: this.tag, digest: parseReferenceDigest(digest) });
  }

  /** The repository alone (distribution's TrimNamed). */
  trimmed(): Reference {
    return new Reference({ domain: this.domain, path: this.path });
  }

  equals(other: ReferenceParts): boolean {
    return format(this) === format(other);
  }
}

function format(r: ReferenceParts): string {
  let s = r.domain === '' ? r.path : `${r.domain}/${r.path}`;
  if (r.tag !== undefined) s += `:${r.tag}`;
  if (r.digest !== undefined) s += `@${r.digest}`;
  return s;
}
