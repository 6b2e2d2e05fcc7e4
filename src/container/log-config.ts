// `--log-driver`/`--log-opt` (Docker's HostConfig.LogConfig). berth writes Docker's json-file log (log-file.ts), rotated
// by its max-size, max-file and compress options (log-rotation.ts), or, with `none`, keeps no log (`logs` then says
// so, as Docker does; output still reaches an attached terminal). Docker's other drivers, and the json-file options
// berth does not honour yet (tags and attributes), are refused with the reason instead of being accepted and ignored.

import { BerthError, ClientSideError } from '../errors.js';
import { parseSize } from '../format/units.js';
import { goBool } from '../format/go-bool.js';
import { labelMap } from '../oci/labels.js';

export interface LogConfig {
  Type: string;
  Config: Record<string, string>;
}

export const DEFAULT_LOG_CONFIG: LogConfig = { Type: 'json-file', Config: {} };

/** Docker's built-in drivers besides the two berth has. */
const OTHER_DRIVERS = new Set(['local', 'syslog', 'journald', 'gelf', 'fluentd', 'awslogs', 'splunk', 'etwlogs', 'gcplogs', 'logentries']);
/** The options Docker's json-file driver knows (daemon/logger/jsonfilelog ValidateLogOpt). */
const JSON_FILE_OPTS = new Set(['max-file', 'max-size', 'compress', 'labels', 'labels-regex', 'env', 'env-regex', 'tag']);
/** Those berth's json-file log honours. */
const ROTATION_OPTS = new Set(['max-file', 'max-size', 'compress']);

/** How a json-file log rotates: at `maxSize` bytes (-1: never), keeping `maxFiles` files, the rotated ones gzipped. */
export interface JsonFileOptions {
  maxSize: number;
  maxFiles: number;
  compress: boolean;
}

/** docker/cli: `key=value` options; none at all with the `none` driver. */
export function cliLogConfig(driver: string | undefined, opts: readonly string[]): LogConfig {
  const type = driver || 'json-file';
  if (type === 'none' && opts.length > 0) throw new ClientSideError('invalid logging opts for driver none');
  // docker/cli's ConvertKVStringsToMap, as for --label
  return { Type: type, Config: labelMap(opts) };
}

/** HostConfig.LogConfig as inspect shows it: Config is a Go map (its keys in order, whatever order the flags gave). */
export function logConfigView(c: LogConfig): { Type: string; Config: Map<string, string> } {
  return { Type: c.Type, Config: new Map(Object.entries(c.Config)) };
}

/** The daemon's check at create: the driver exists here and takes the options. */
export function checkLogConfig(c: LogConfig): void {
  if (c.Type === 'none') return;
  if (c.Type !== 'json-file') {
    if (OTHER_DRIVERS.has(c.Type)) {
      throw new BerthError('FAILED_PRECONDITION', `failed to initialize logging driver: berth has the json-file and none drivers, not ${c.Type}`);
    }
    throw new BerthError('NOT_FOUND', `error looking up logging plugin ${c.Type}: plugin "${c.Type}" not found`);
  }
  for (const key of Object.keys(c.Config)) {
    if (!JSON_FILE_OPTS.has(key)) throw new BerthError('INVALID_ARGUMENT', `unknown log opt '${key}' for json-file log driver`);
    if (!ROTATION_OPTS.has(key)) {
      throw new BerthError('FAILED_PRECONDITION', `log opt '${key}' is not supported by berth's json-file log yet (its entries carry no tag or attributes)`);
    }
  }
}

/** Go's strconv.Atoi, with its error text. */
function atoi(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw new Error(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = BigInt(s);
  if (n > 2n ** 63n - 1n || n < -(2n ** 63n)) throw new Error(`strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`);
  return Number(n);
}

/**
 * A json-file log's rotation, read from its options as Docker's driver reads them when the container starts
 * (jsonfilelog.New), in the same order and words: `failed to initialize logging driver: …` for a bad value.
 */
export function jsonFileOptions(config: Record<string, string>): JsonFileOptions {
  const fail = (why: string) => new BerthError('INVALID_ARGUMENT', `failed to initialize logging driver: ${why}`);
  let maxSize = -1;
  if ('max-size' in config) {
    try {
      maxSize = parseSize(config['max-size']);
    } catch (e) {
      throw fail((e as Error).message);
    }
    if (maxSize <= 0) throw fail('max-size must be a positive number');
  }
  let maxFiles = 1;
  if ('max-file' in config) {
    try {
      maxFiles = atoi(config['max-file']);
    } catch (e) {
      throw fail((e as Error).message);
    }
    if (maxFiles < 1) throw fail('max-file cannot be less than 1');
  }
  let compress = false;
  if ('compress' in config) {
    const b = goBool(config.compress);
    if (b === null) throw fail(`strconv.ParseBool: parsing ${JSON.stringify(config.compress)}: invalid syntax`);
    compress = b;
    if (compress && (maxFiles === 1 || maxSize === -1)) throw fail('compress cannot be true when max-file is less than 2 or max-size is not set');
  }
  return { maxSize, maxFiles, compress };
}
