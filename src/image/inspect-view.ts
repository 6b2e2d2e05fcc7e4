// The object `docker image inspect` prints for one image (Docker 20.10: api/types ImageInspect, built by
// daemon/images/image_inspect.go): Go field order, zero values and omitempty as Go writes them, maps as `Map`s.
// The CLI prints `goJSONIndent([view, …])`.

import type { Digest } from '../digest/digest.js';
import { formatRFC3339Nano, GO_ZERO_TIME, goTimeFromDate, parseRFC3339 } from '../format/go-time.js';
import { asGoString, goField } from '../oci/docker-container-config.js';
import { v1ImageOf } from '../oci/docker-v1-image.js';

export interface ImageInspectInput {
  id: Digest;
  /** JSON.parse of the config bytes. */
  config: unknown;
  repoTags: string[];
  repoDigests: string[];
  /** The size of the top layer's chain (sum of the layer sizes). */
  size: number;
  graphDriver: { Name: string; Data: Record<string, string> | null };
  /** When a tag last moved onto the image; a string keeps nanoseconds (RFC 3339). Unset prints Go's zero time. */
  lastTagTime?: Date | string;
  /** The local parent image (set for images built or committed here). */
  parent?: string;
}

function lastComment(config: unknown): string {
  const history = goField(config, 'history');
  return Array.isArray(history) && history.length > 0 ? asGoString(goField(history[history.length - 1], 'comment')) : '';
}

function tagTime(t: Date | string | undefined): string {
  if (t === undefined) return formatRFC3339Nano(GO_ZERO_TIME);
  if (t instanceof Date) return formatRFC3339Nano(goTimeFromDate(t));
  return formatRFC3339Nano(parseRFC3339(t) ?? GO_ZERO_TIME);
}

/** Go's `struct{}`: the value type of Volumes and ExposedPorts; a template prints it `{}` (a map would be `map[]`). */
class GoEmptyStruct {}
const EMPTY_STRUCT = Object.freeze(new GoEmptyStruct());

/** Config with its map[string]struct{} members holding Go empty structs, as the typed ImageInspect does. */
function typedSets(config: unknown): unknown {
  if (config === null || typeof config !== 'object') return config;
  const out = { ...(config as Record<string, unknown>) };
  for (const k of ['ExposedPorts', 'Volumes']) {
    const m = out[k];
    if (m instanceof Map) out[k] = new Map([...m.keys()].map((key) => [key, EMPTY_STRUCT]));
  }
  return out;
}

export function imageInspectView(input: ImageInspectInput): Record<string, unknown> {
  const { config } = input;
  const v1 = v1ImageOf(config);
  const rootfs = goField(config, 'rootfs');
  const diffIDs = goField(rootfs, 'diff_ids');
  const data = input.graphDriver.Data;
  const view: Record<string, unknown> = {
    Id: input.id,
    RepoTags: input.repoTags,
    RepoDigests: input.repoDigests,
    Parent: input.parent ?? '',
    Comment: v1.comment || lastComment(config),
    Created: v1.created,
    Container: v1.container ?? '',
    ContainerConfig: typedSets(v1.container_config),
    DockerVersion: v1.docker_version ?? '',
    Author: v1.author ?? '',
    Config: typedSets(v1.config ?? null),
    Architecture: v1.architecture ?? '',
    Variant: v1.variant,
    Os: v1.os || 'linux',
    OsVersion: asGoString(goField(config, 'os.version')) || undefined,
    Size: input.size,
    VirtualSize: input.size,
    GraphDriver: { Data: data === null ? null : new Map(Object.entries(data)), Name: input.graphDriver.Name },
    RootFS: {
      Type: asGoString(goField(rootfs, 'type')),
      Layers: Array.isArray(diffIDs) && diffIDs.length > 0 ? diffIDs.map(asGoString) : undefined,
    },
    Metadata: { LastTagTime: tagTime(input.lastTagTime) },
  };
  // docker/cli runs a template on the typed struct first (field `ID`), then on the raw JSON map (key `Id`): both
  // `{{.ID}}` and `{{.Id}}` work. `ID` is not enumerable, so it is neither printed nor marshalled.
  Object.defineProperty(view, 'ID', { value: input.id, enumerable: false });
  return view;
}
