// berth's daemon.json: the settings Docker's daemon takes from its daemon.json, named as Docker names them, read by
// the commands that use them (there is no daemon to read it once). $BERTH_CONFIG, else /etc/berth/daemon.json (root)
// or $XDG_CONFIG_HOME/berth/daemon.json. A missing file is Docker's defaults.

import { existsSync, readFileSync } from 'node:fs';
import { BerthError } from '../errors.js';

export function daemonConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BERTH_CONFIG) return env.BERTH_CONFIG;
  if (process.getuid?.() === 0) return '/etc/berth/daemon.json';
  const xdg = env.XDG_CONFIG_HOME || `${env.HOME ?? '.'}/.config`;
  return `${xdg}/berth/daemon.json`;
}

/** daemon.json's object from its text (`path` names the file in errors). */
export function parseDaemonConfig(text: string, path: string): Record<string, unknown> {
  if (text.length > 1 << 20) throw new BerthError('INVALID_ARGUMENT', `invalid daemon configuration file ${path}: too large`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new BerthError('INVALID_ARGUMENT', `invalid daemon configuration file ${path}: ${(e as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new BerthError('INVALID_ARGUMENT', `invalid daemon configuration file ${path}: expected a JSON object`);
  }
  return data as Record<string, unknown>;
}

/** daemon.json's object, read now ({} when there is no file). */
export function readDaemonConfig(path = daemonConfigPath()): Record<string, unknown> {
  // checked first: a missing file is the common case, on every container start, and a thrown ENOENT costs more
  if (!existsSync(path)) return {};
  return parseDaemonConfig(readFileSync(path, 'utf8'), path);
}

/**
 * The seccomp profile daemon.json's `seccomp-profile` names for containers that name none themselves, as Docker's
 * daemon takes it: a file's JSON text; null for `unconfined`; undefined when it is not set (berth's default: no
 * filter). A file that can't be read is Docker's error.
 */
export function daemonSeccompProfile(config: Record<string, unknown> = readDaemonConfig(), path = daemonConfigPath()): string | null | undefined {
  const v = config['seccomp-profile'];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw new BerthError('INVALID_ARGUMENT', `invalid daemon configuration file ${path}: seccomp-profile must be a string`);
  if (v === 'unconfined') return null;
  try {
    return readFileSync(v, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new BerthError('FAILED_PRECONDITION', `opening seccomp profile (${v}) failed: ${err.code === 'ENOENT' ? `open ${v}: no such file or directory` : err.message}`);
  }
}
