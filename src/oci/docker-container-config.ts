// Docker's container.Config (moby api/types/container/config.go, 20.10) as Go decodes a JSON value into it and
// encodes it again: fields in struct order, zero values for absent ones, `omitempty` members dropped when empty,
// Go maps as `Map`s (goJSON sorts their keys). What `image inspect` prints and what v1 layer IDs hash.

type Obj = Record<string, unknown>;

export function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** encoding/json's key matching: an exact or case-insensitive match of the field name; the last such key wins. */
export function goField(obj: unknown, name: string): unknown {
  if (!isObject(obj)) return undefined;
  const lower = name.toLowerCase();
  let found: unknown;
  for (const [k, v] of Object.entries(obj)) if (k === name || k.toLowerCase() === lower) found = v;
  return found;
}

export const asGoString = (v: unknown): string => (typeof v === 'string' ? v : '');
const goBool = (v: unknown): boolean => v === true;
const goInt = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** []string: null stays null, an array is kept. */
function strings(v: unknown): string[] | null {
  return Array.isArray(v) ? v.map(asGoString) : null;
}

/** strslice.StrSlice also accepts a single string. */
function strSlice(v: unknown): string[] | null {
  return typeof v === 'string' ? [v] : strings(v);
}

/** map[string]struct{} (Volumes, ExposedPorts): every value becomes `{}`. */
function set(v: unknown): Map<string, object> | null {
  return isObject(v) ? new Map(Object.keys(v).map((k) => [k, {}])) : null;
}

function stringMap(v: unknown): Map<string, string> | null {
  return isObject(v) ? new Map(Object.entries(v).map(([k, val]) => [k, asGoString(val)])) : null;
}

const omitEmpty = <T>(v: T[] | Map<string, unknown> | null): T[] | Map<string, unknown> | undefined =>
  v === null || (Array.isArray(v) ? v.length === 0 : v.size === 0) ? undefined : v;

function healthConfig(v: unknown): Obj | undefined {
  if (!isObject(v)) return undefined;
  const f = (n: string) => goField(v, n);
  return {
    Test: omitEmpty(strings(f('Test'))),
    Interval: goInt(f('Interval')) || undefined,
    Timeout: goInt(f('Timeout')) || undefined,
    StartPeriod: goInt(f('StartPeriod')) || undefined,
    Retries: goInt(f('Retries')) || undefined,
  };
}

/** A container.Config decoded from `raw` (absent or null gives the zero value) and ready for goJSON. */
export function goContainerConfig(raw: unknown): Obj {
  const f = (n: string) => goField(raw, n);
  const stopTimeout = f('StopTimeout');
  return {
    Hostname: asGoString(f('Hostname')),
    Domainname: asGoString(f('Domainname')),
    User: asGoString(f('User')),
    AttachStdin: goBool(f('AttachStdin')),
    AttachStdout: goBool(f('AttachStdout')),
    AttachStderr: goBool(f('AttachStderr')),
    ExposedPorts: omitEmpty(set(f('ExposedPorts'))),
    Tty: goBool(f('Tty')),
    OpenStdin: goBool(f('OpenStdin')),
    StdinOnce: goBool(f('StdinOnce')),
    Env: strings(f('Env')),
    Cmd: strSlice(f('Cmd')),
    Healthcheck: healthConfig(f('Healthcheck')),
    ArgsEscaped: goBool(f('ArgsEscaped')) || undefined,
    Image: asGoString(f('Image')),
    Volumes: set(f('Volumes')),
    WorkingDir: asGoString(f('WorkingDir')),
    Entrypoint: strSlice(f('Entrypoint')),
    NetworkDisabled: goBool(f('NetworkDisabled')) || undefined,
    MacAddress: asGoString(f('MacAddress')) || undefined,
    OnBuild: strings(f('OnBuild')),
    Labels: stringMap(f('Labels')),
    StopSignal: asGoString(f('StopSignal')) || undefined,
    StopTimeout: typeof stopTimeout === 'number' ? stopTimeout : undefined,
    Shell: omitEmpty(strSlice(f('Shell'))),
  };
}
