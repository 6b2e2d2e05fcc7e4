// The legacy V1Image part of an image config (moby image/image.go) as Go decodes it: the fields that `docker save`
// writes to `<v1id>/json` and hashes into v1 layer IDs, and that `image inspect` shows. Struct order, with
// `omitempty` members left undefined when empty; `id` and `parent` are set by the caller (the config's own
// `parent` belongs to the outer Image struct, so it never lands here).

import { invalid } from '../errors.js';
import { formatRFC3339Nano, GO_ZERO_TIME, parseRFC3339, type GoTime } from '../format/go-time.js';
import { asGoString, goContainerConfig, goField, isObject } from './docker-container-config.js';

export interface V1Image {
  comment?: string;
  created: string;
  container?: string;
  container_config: Record<string, unknown>;
  docker_version?: string;
  author?: string;
  config?: Record<string, unknown>;
  architecture?: string;
  variant?: string;
  os?: string;
  Size?: number;
}

/** The config's `created` as Go holds it; absent means Go's zero time. */
export function configCreated(config: unknown): GoTime {
  const raw = goField(config, 'created');
  if (raw === undefined || raw === null) return GO_ZERO_TIME;
  const t = typeof raw === 'string' ? parseRFC3339(raw) : null;
  if (!t) throw invalid(`parsing time ${JSON.stringify(raw)} as "2006-01-02T15:04:05Z07:00": cannot parse`);
  return t;
}

export function v1ImageOf(config: unknown): V1Image {
  const s = (n: string) => asGoString(goField(config, n)) || undefined;
  const cfg = goField(config, 'config');
  const size = goField(config, 'Size');
  return {
    comment: s('comment'),
    created: formatRFC3339Nano(configCreated(config)),
    container: s('container'),
    container_config: goContainerConfig(goField(config, 'container_config')),
    docker_version: s('docker_version'),
    author: s('author'),
    config: isObject(cfg) ? goContainerConfig(cfg) : undefined,
    architecture: s('architecture'),
    variant: s('variant'),
    os: s('os'),
    Size: typeof size === 'number' && size !== 0 ? size : undefined,
  };
}
