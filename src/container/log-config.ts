// `--log-driver`/`--log-opt` (Docker's HostConfig.LogConfig). berth writes Docker's json-file log (log-file.ts) or,
// with `none`, keeps no log (`logs` then says so, as Docker does; output still reaches an attached terminal). Docker's
// other drivers, and the json-file options berth does not honour yet (rotation, tags, attributes), are refused with
// the reason instead of being accepted and ignored.

import { BerthError, ClientSideError } from '../errors.js';

export interface LogConfig {
  Type: string;
  Config: Record<string, string>;
}

export const DEFAULT_LOG_CONFIG: LogConfig = { Type: 'json-file', Config: {} };

/** Docker's built-in drivers besides the two berth has. */
const OTHER_DRIVERS = new Set(['local', 'syslog', 'journald', 'gelf', 'fluentd', 'awslogs', 'splunk', 'etwlogs', 'gcplogs', 'logentries']);
/** The options Docker's json-file driver knows (daemon/logger/jsonfilelog ValidateLogOpt). */
const JSON_FILE_OPTS = new Set(['max-file', 'max-size', 'compress', 'labels', 'labels-regex', 'env', 'env-regex', 'tag']);

/** docker/cli: `key=value` options; none at all with the `none` driver. */
export function cliLogConfig(driver: string | undefined, opts: readonly string[]): LogConfig {
  const type = driver || 'json-file';
  if (type === 'none' && opts.length > 0) throw new ClientSideError('invalid logging opts for driver none');
  const config: Record<string, string> = {};
  for (const o of opts) {
    const eq = o.indexOf('=');
    config[eq < 0 ? o : o.slice(0, eq)] = eq < 0 ? '' : o.slice(eq + 1);
  }
  return { Type: type, Config: config };
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
    throw new BerthError('FAILED_PRECONDITION', `log opt '${key}' is not supported by berth's json-file log yet (it neither rotates nor tags entries)`);
  }
}
