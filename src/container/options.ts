// Parsing of `create`/`run` flags that describe mounts and environment, as docker/cli parses them: `-v`, `--mount`,
// `--tmpfs`, `-e`, `--env-file`. Pure: the host is consulted only through the `lookupEnv` argument.

import { BerthError, ClientSideError } from '../errors.js';

export type MountRequest =
  | { type: 'bind'; source: string; target: string; readOnly: boolean; propagation?: string; mode: string; fromFlag: '-v' | '--mount' }
  | { type: 'volume'; name: string; target: string; readOnly: boolean; noCopy: boolean; mode: string; fromFlag: '-v' | '--mount' }
  | { type: 'tmpfs'; target: string; options: string[]; fromFlag: '--tmpfs' | '--mount' };

/** Docker's local driver's rule for volume names (`-v NAME:/path`, `volume create NAME`). */
export const isVolumeName = (name: string): boolean => /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(name);

const PROPAGATIONS = new Set(['private', 'rprivate', 'shared', 'rshared', 'slave', 'rslave']);

const invalidSpec = (spec: string, why?: string) =>
  new BerthError('INVALID_ARGUMENT', `invalid volume specification: '${spec}'${why ? `: ${why}` : ''}`);

function checkTarget(spec: string, type: string, target: string): void {
  if (!target.startsWith('/'))
    throw invalidSpec(spec, `invalid mount config for type "${type}": invalid mount path: '${target}' mount path must be absolute`);
}

/** One `-v` value: `/host:/ctr[:mode]`, `name:/ctr[:mode]` or `/ctr` (an anonymous volume). */
export function parseVolumeFlag(spec: string): MountRequest {
  const parts = spec.split(':');
  if (spec === '' || parts.length > 3 || parts.some((p, i) => p === '' && i < 2)) throw invalidSpec(spec);
  if (parts.length === 1) {
    checkTarget(spec, 'volume', parts[0]);
    return { type: 'volume', name: '', target: clean(parts[0]), readOnly: false, noCopy: false, mode: '', fromFlag: '-v' };
  }
  const [src, target, mode = ''] = parts;
  const flags = mode ? mode.split(',') : [];
  for (const f of flags) {
    if (!['ro', 'rw', 'z', 'Z', 'nocopy', ...PROPAGATIONS].includes(f)) throw invalidSpec(spec, `invalid mode: ${mode}`);
  }
  const readOnly = flags.includes('ro');
  if (src.startsWith('/')) {
    checkTarget(spec, 'bind', target);
    const propagation = flags.find((f) => PROPAGATIONS.has(f));
    return { type: 'bind', source: clean(src), target: clean(target), readOnly, propagation, mode, fromFlag: '-v' };
  }
  if (!isVolumeName(src)) {
    throw invalidSpec(
      spec,
      `"${src}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`,
    );
  }
  checkTarget(spec, 'volume', target);
  return { type: 'volume', name: src, target: clean(target), readOnly, noCopy: flags.includes('nocopy'), mode, fromFlag: '-v' };
}

function boolValue(key: string, v: string | undefined, whole: string): boolean {
  if (v === undefined || v === '' || v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw new BerthError('INVALID_ARGUMENT', `invalid argument "${whole}" for "--mount" flag: invalid value for ${key}: ${v}`);
}

/** One `--mount` value: comma-separated key=value pairs (type, source/src, target/destination/dst, readonly…). */
export function parseMountFlag(value: string): MountRequest {
  let type = 'volume';
  let source = '';
  let target = '';
  let readOnly = false;
  let propagation: string | undefined;
  let noCopy = false;
  const tmpfs: string[] = [];
  const bad = (why: string) => new BerthError('INVALID_ARGUMENT', `invalid argument "${value}" for "--mount" flag: ${why}`);
  for (const field of value.split(',')) {
    if (!field) continue;
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    const v = eq < 0 ? undefined : field.slice(eq + 1);
    if ((key === 'readonly' || key === 'ro') && eq < 0) {
      readOnly = true;
      continue;
    }
    if (v === undefined) throw bad(`invalid field '${field}' must be a key=value pair`);
    switch (key) {
      case 'type':
        type = v;
        break;
      case 'source':
      case 'src':
        source = v;
        break;
      case 'target':
      case 'dst':
      case 'destination':
        target = v;
        break;
      case 'readonly':
      case 'ro':
        readOnly = boolValue(key, v, value);
        break;
      case 'bind-propagation':
        if (!PROPAGATIONS.has(v)) throw bad(`invalid bind-propagation: ${v}`);
        propagation = v;
        break;
      case 'volume-nocopy':
        noCopy = boolValue(key, v, value);
        break;
      case 'tmpfs-size':
        tmpfs.push(`size=${v}`);
        break;
      case 'tmpfs-mode':
        tmpfs.push(`mode=${v}`);
        break;
      case 'consistency':
      case 'bind-nonrecursive':
      case 'volume-driver':
      case 'volume-label':
      case 'volume-opt':
        break;
      default:
        throw bad(`unexpected key '${key}' in '${field}'`);
    }
  }
  if (!target) throw new BerthError('INVALID_ARGUMENT', 'invalid mount config: field Target must not be empty');
  if (!['bind', 'volume', 'tmpfs'].includes(type))
    throw new BerthError('INVALID_ARGUMENT', `invalid mount config: mount type unknown: "${type}"`);
  if (!target.startsWith('/'))
    throw new BerthError('INVALID_ARGUMENT', `invalid mount config for type "${type}": invalid mount path: '${target}' mount path must be absolute`);
  if (type === 'tmpfs') {
    if (source) throw new BerthError('INVALID_ARGUMENT', `invalid mount config for type "tmpfs": field Source must not be specified`);
    return { type: 'tmpfs', target: clean(target), options: tmpfs, fromFlag: '--mount' };
  }
  if (type === 'bind') {
    if (!source) throw new BerthError('INVALID_ARGUMENT', `invalid mount config for type "bind": field Source must not be empty`);
    return { type: 'bind', source: clean(source), target: clean(target), readOnly, propagation, mode: '', fromFlag: '--mount' };
  }
  return { type: 'volume', name: source, target: clean(target), readOnly, noCopy, mode: '', fromFlag: '--mount' };
}

/** One `--tmpfs` value: `/path[:options]`. */
export function parseTmpfsFlag(value: string): MountRequest {
  const i = value.indexOf(':');
  const target = i < 0 ? value : value.slice(0, i);
  const opts = i < 0 ? [] : value.slice(i + 1).split(',').filter(Boolean);
  if (!target.startsWith('/'))
    throw new BerthError('INVALID_ARGUMENT', `invalid mount config for type "tmpfs": invalid mount path: '${target}' mount path must be absolute`);
  return { type: 'tmpfs', target: clean(target), options: opts, fromFlag: '--tmpfs' };
}

/** `-e NAME=value` as given; `-e NAME` takes NAME from the host's environment, or is dropped when unset. */
export function parseEnvFlag(value: string, lookupEnv: (name: string) => string | undefined): string | null {
  if (value.includes('=')) {
    if (value.startsWith('=')) throw new ClientSideError(`invalid environment variable: ${value}`);
    return value;
  }
  const v = lookupEnv(value);
  return v === undefined ? null : `${value}=${v}`;
}

/** An `--env-file`: one variable a line, `#` comments and blank lines skipped, leading whitespace trimmed. */
export function parseEnvFile(text: string, lookupEnv: (name: string) => string | undefined): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^\s+/, '');
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const name = eq < 0 ? line : line.slice(0, eq);
    if (/\s/.test(name)) throw new ClientSideError(`poorly formatted environment: variable '${name}' contains whitespaces`);
    if (eq === 0) throw new ClientSideError(`poorly formatted environment: no variable name on line '${line}'`);
    const v = parseEnvFlag(line, lookupEnv);
    if (v !== null) out.push(v);
  }
  return out;
}

/** filepath.Clean for absolute paths. */
export function clean(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}
