// Docker Hub defaults and the rule that tells a registry domain from the first path component
// (distribution `reference/normalize.go` splitDockerDomain, as vendored by Docker 20.10).

export const DEFAULT_DOMAIN = 'docker.io';
export const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
export const OFFICIAL_REPO_NAME = 'library';
export const DEFAULT_TAG = 'latest';

/**
 * The first component is a domain when it contains '.' or ':' or is `localhost`; otherwise the name is on
 * Docker Hub, where a one-component path gets `library/`. Docker 20.10 does not treat an uppercase first
 * component as a domain (later versions of the library do), so `Foo/bar` is an uppercase error there.
 */
export function splitDockerDomain(name: string): { domain: string; remainder: string } {
  const i = name.indexOf('/');
  let domain: string;
  let remainder: string;
  const first = i === -1 ? '' : name.slice(0, i);
  if (i === -1 || (!/[.:]/.test(first) && first !== 'localhost')) {
    domain = DEFAULT_DOMAIN;
    remainder = name;
  } else {
    domain = first;
    remainder = name.slice(i + 1);
  }
  if (domain === LEGACY_DEFAULT_DOMAIN) domain = DEFAULT_DOMAIN;
  if (domain === DEFAULT_DOMAIN && !remainder.includes('/')) remainder = `${OFFICIAL_REPO_NAME}/${remainder}`;
  return { domain, remainder };
}
