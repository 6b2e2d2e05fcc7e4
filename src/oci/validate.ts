// Validators for untrusted image JSON (registry replies, archive members; zod's one other user is container/seccomp.ts).
// Lenient where Docker is (unknown fields kept, `null` for Go's nil slices and maps, Cmd/Entrypoint/Shell as a string),
// strict on what berth relies on: digests, sizes, counts, rootfs. Each throws BerthError('INVALID_ARGUMENT') with
// one line naming the document and the first bad field. Callers keep the original bytes; results are views.

import { z } from 'zod';
import { BerthError } from '../errors.js';
import { isDigest, type Digest } from '../digest/digest.js';
import { baseMediaType, isIndexType, isManifestType } from './media-types.js';
import type {
  ArchiveManifestItem,
  ContainerConfig,
  Descriptor,
  ImageConfig,
  OciIndex,
  OciLayoutHeader,
  OciManifest,
  Platform,
} from './types.js';

export const MAX_JSON_BYTES = 4 * 1024 * 1024;
export const MAX_LAYERS = 1000;
export const MAX_MANIFESTS = 1000;
export const MAX_HISTORY = 10_000;
export const MAX_ARCHIVE_IMAGES = 1000;

const digest = z.custom<Digest>((v) => typeof v === 'string' && isDigest(v), { error: 'invalid digest' });
const digestKey = z.string().refine(isDigest, { error: 'invalid digest' });
const size = z.int({ error: 'must be a non-negative integer' }).min(0, { error: 'must be a non-negative integer' });
const strings = z.array(z.string());
const stringMap = z.record(z.string(), z.string());
const setMap = z.record(z.string(), z.looseObject({}).nullable());
const bounded = <T extends z.ZodType>(item: T, max: number) =>
  z.array(item).max(max, { error: `too many entries (more than ${max})` });
/** RFC 3339 as Go's time.Time reads it; Go also accepts `null` and leaves the zero time. */
const timestamp = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/, { error: 'invalid timestamp' })
  .nullable();
/** Docker's strslice: an array of strings, or one string meaning a one-element array. */
const strSlice = z
  .union([z.string().transform((s) => [s]), strings], { error: 'expected a string or an array of strings' })
  .nullable();

const platform: z.ZodType<Platform> = z.looseObject({
  architecture: z.string(),
  os: z.string(),
  'os.version': z.string().optional(),
  'os.features': strings.nullish(),
  variant: z.string().optional(),
  features: strings.nullish(),
});

const descriptor: z.ZodType<Descriptor> = z.looseObject({
  mediaType: z.string(),
  digest,
  size,
  urls: strings.nullish(),
  annotations: stringMap.nullish(),
  data: z.string().optional(),
  platform: platform.optional(),
  artifactType: z.string().optional(),
});

const schemaVersion = z.literal(2, { error: 'must be 2' });

const manifest: z.ZodType<OciManifest> = z.looseObject({
  schemaVersion,
  mediaType: z.string().optional(),
  artifactType: z.string().optional(),
  config: descriptor,
  layers: bounded(descriptor, MAX_LAYERS)
    .nullable()
    .transform((v) => v ?? []),
  subject: descriptor.optional(),
  annotations: stringMap.nullish(),
});

const index: z.ZodType<OciIndex> = z.looseObject({
  schemaVersion,
  mediaType: z.string().optional(),
  artifactType: z.string().optional(),
  manifests: bounded(descriptor, MAX_MANIFESTS)
    .nullable()
    .transform((v) => v ?? []),
  subject: descriptor.optional(),
  annotations: stringMap.nullish(),
});

const containerConfig: z.ZodType<ContainerConfig> = z.looseObject({
  Hostname: z.string().optional(),
  Domainname: z.string().optional(),
  User: z.string().optional(),
  AttachStdin: z.boolean().optional(),
  AttachStdout: z.boolean().optional(),
  AttachStderr: z.boolean().optional(),
  ExposedPorts: setMap.nullish(),
  Tty: z.boolean().optional(),
  OpenStdin: z.boolean().optional(),
  StdinOnce: z.boolean().optional(),
  Env: strings.nullish(),
  Cmd: strSlice.optional(),
  Healthcheck: z
    .looseObject({
      Test: strings.nullish(),
      Interval: z.number().optional(),
      Timeout: z.number().optional(),
      StartPeriod: z.number().optional(),
      StartInterval: z.number().optional(),
      Retries: z.number().optional(),
    })
    .nullish(),
  ArgsEscaped: z.boolean().optional(),
  Image: z.string().optional(),
  Volumes: setMap.nullish(),
  WorkingDir: z.string().optional(),
  Entrypoint: strSlice.optional(),
  NetworkDisabled: z.boolean().optional(),
  MacAddress: z.string().optional(),
  OnBuild: strings.nullish(),
  Labels: stringMap.nullish(),
  StopSignal: z.string().optional(),
  StopTimeout: z.int().nullish(),
  Shell: strSlice.optional(),
  Memory: z.number().optional(),
  MemorySwap: z.number().optional(),
  CpuShares: z.number().optional(),
});

const imageConfig: z.ZodType<ImageConfig> = z.looseObject({
  architecture: z.string().optional(),
  os: z.string().optional(),
  'os.version': z.string().optional(),
  'os.features': strings.nullish(),
  variant: z.string().optional(),
  created: timestamp.optional(),
  author: z.string().optional(),
  config: containerConfig.nullish(),
  container: z.string().optional(),
  container_config: containerConfig.nullish(),
  docker_version: z.string().optional(),
  comment: z.string().optional(),
  id: z.string().optional(),
  parent: z.string().optional(),
  Size: z.number().optional(),
  rootfs: z.looseObject({
    type: z.literal('layers', { error: 'must be "layers"' }),
    diff_ids: bounded(digest, MAX_LAYERS)
      .nullish()
      .transform((v) => v ?? []),
  }),
  history: bounded(
    z.looseObject({
      created: timestamp.optional(),
      created_by: z.string().optional(),
      author: z.string().optional(),
      comment: z.string().optional(),
      empty_layer: z.boolean().optional(),
    }),
    MAX_HISTORY,
  ).nullish(),
});

const archivePath = z.string().min(1, { error: 'empty path' });

const archiveManifest: z.ZodType<ArchiveManifestItem[]> = bounded(
  z.looseObject({
    Config: archivePath,
    RepoTags: bounded(z.string(), MAX_ARCHIVE_IMAGES).nullish().transform((v) => v ?? null),
    Layers: bounded(archivePath, MAX_LAYERS)
      .nullish()
      .transform((v) => v ?? []),
    Parent: z
      .union([z.literal(''), digest], { error: 'invalid digest' })
      .optional()
      .transform((v) => (v === '' ? undefined : v)),
    LayerSources: z.record(digestKey, descriptor).optional() as z.ZodType<Record<Digest, Descriptor> | undefined>,
  }),
  MAX_ARCHIVE_IMAGES,
);

const layoutHeader: z.ZodType<OciLayoutHeader> = z.looseObject({ imageLayoutVersion: z.string() });

function fail(what: string, detail: string): never {
  throw new BerthError('INVALID_ARGUMENT', `invalid ${what}: ${detail}`);
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const k of path) {
    if (typeof k === 'number') out += `[${k}]`;
    else if (/^[A-Za-z_][\w.]*$/.test(String(k))) out += (out ? '.' : '') + String(k);
    else out += `[${JSON.stringify(String(k))}]`;
  }
  return out;
}

function kindOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

function formatIssue(issue: z.core.$ZodIssue): string {
  const where = formatPath(issue.path);
  const input = (issue as { input?: unknown }).input;
  let what = issue.message;
  if (input === undefined) what = 'required';
  else if (issue.code === 'invalid_key') what = issue.issues[0]?.message ?? what;
  else if (issue.code === 'invalid_type' && what.startsWith('Invalid input')) {
    what = `expected ${issue.expected}, got ${kindOf(input)}`;
  }
  return where ? `${where}: ${what}` : what;
}

function decodeJSON(what: string, bytes: Uint8Array | string, max: number): unknown {
  const length = typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.byteLength;
  if (length > max) fail(what, `${length} bytes is more than the limit of ${max}`);
  const text = typeof bytes === 'string' ? bytes : new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  try {
    return JSON.parse(text);
  } catch (e) {
    return fail(what, e instanceof Error ? e.message : String(e));
  }
}

function check<T>(what: string, schema: z.ZodType<T>, data: unknown): T {
  const r = schema.safeParse(data, { reportInput: true });
  if (!r.success) fail(what, formatIssue(r.error.issues[0]));
  return r.data;
}

export function parseImageConfig(bytes: Uint8Array | string, max = MAX_JSON_BYTES): ImageConfig {
  return check('image config', imageConfig, decodeJSON('image config', bytes, max));
}

export function parseArchiveManifest(bytes: Uint8Array | string, max = MAX_JSON_BYTES): ArchiveManifestItem[] {
  return check('archive manifest', archiveManifest, decodeJSON('archive manifest', bytes, max));
}

export function parseOciLayoutHeader(bytes: Uint8Array | string): OciLayoutHeader {
  return check('oci-layout', layoutHeader, decodeJSON('oci-layout', bytes, 64 * 1024));
}

export function parseDescriptor(bytes: Uint8Array | string, max = MAX_JSON_BYTES): Descriptor {
  return check('descriptor', descriptor, decodeJSON('descriptor', bytes, max));
}

/** The JSON's own mediaType, when given, must agree with the manifest or index type it was served or stored as. */
function checkMediaType(what: string, data: unknown, mediaType: string | undefined): void {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return;
  const own = (data as { mediaType?: unknown }).mediaType;
  if (mediaType === undefined || !(isIndexType(mediaType) || isManifestType(mediaType))) return;
  if (typeof own === 'string' && baseMediaType(own) !== baseMediaType(mediaType)) {
    fail(what, `mediaType ${JSON.stringify(own)} does not match ${JSON.stringify(baseMediaType(mediaType))}`);
  }
}

function asObject(data: unknown): Record<string, unknown> {
  return (typeof data === 'object' && data !== null && !Array.isArray(data) ? data : {}) as Record<string, unknown>;
}

function manifestFrom(data: unknown, mediaType: string | undefined): OciManifest {
  checkMediaType('manifest', data, mediaType);
  const obj = asObject(data);
  if (obj.schemaVersion === 1) fail('manifest', 'schema version 1 manifests are not supported');
  if ('manifests' in obj || (typeof obj.mediaType === 'string' && isIndexType(obj.mediaType))) {
    fail('manifest', 'expected a manifest, found an index');
  }
  return check('manifest', manifest, data);
}

function indexFrom(data: unknown, mediaType: string | undefined): OciIndex {
  checkMediaType('index', data, mediaType);
  const obj = asObject(data);
  if ('config' in obj || 'layers' in obj || (typeof obj.mediaType === 'string' && isManifestType(obj.mediaType))) {
    fail('index', 'expected an index, found a manifest');
  }
  return check('index', index, data);
}

/** An OCI image manifest or Docker schema 2 manifest; refuses an index and schema 1. */
export function parseManifest(bytes: Uint8Array | string, mediaType?: string, max = MAX_JSON_BYTES): OciManifest {
  return manifestFrom(decodeJSON('manifest', bytes, max), mediaType);
}

/** An OCI image index or Docker manifest list; refuses a manifest. */
export function parseOciIndex(bytes: Uint8Array | string, mediaType?: string, max = MAX_JSON_BYTES): OciIndex {
  return indexFrom(decodeJSON('index', bytes, max), mediaType);
}

export type ManifestOrIndex = { kind: 'manifest'; manifest: OciManifest } | { kind: 'index'; index: OciIndex };

/**
 * A registry reply or stored blob that may be either: the media type it came with decides when it names a
 * manifest or an index, else its own mediaType field, else its shape (`manifests` means an index).
 */
export function parseManifestOrIndex(bytes: Uint8Array | string, mediaType?: string, max = MAX_JSON_BYTES): ManifestOrIndex {
  const data = decodeJSON('manifest', bytes, max);
  const obj = asObject(data);
  const known = (t: unknown): t is string => typeof t === 'string' && (isIndexType(t) || isManifestType(t));
  const declared = known(mediaType) ? mediaType : known(obj.mediaType) ? obj.mediaType : undefined;
  const isIndex = declared !== undefined ? isIndexType(declared) : 'manifests' in obj;
  return isIndex
    ? { kind: 'index', index: indexFrom(data, declared) }
    : { kind: 'manifest', manifest: manifestFrom(data, declared) };
}
