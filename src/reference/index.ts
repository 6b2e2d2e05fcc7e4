// Image references as Docker parses, normalises, prints and matches them. Import from here.

export { Reference } from './reference.js';
export {
  parse,
  parseReferenceDigest,
  splitName,
  isTag,
  validateTag,
  NAME_TOTAL_LENGTH_MAX,
  ERR_REFERENCE_FORMAT,
  ERR_NAME_UPPERCASE,
  type ReferenceParts,
} from './parse.js';
export { DEFAULT_DOMAIN, LEGACY_DEFAULT_DOMAIN, OFFICIAL_REPO_NAME, DEFAULT_TAG, splitDockerDomain } from './domain.js';
export { parseNormalizedNamed, parseDockerRef, parseAnyReference, tagNameOnly } from './normalize.js';
export { familiarName, familiarString } from './familiar.js';
export { pathMatch, familiarMatch, matchesReferenceFilter, ERR_BAD_PATTERN } from './match.js';
