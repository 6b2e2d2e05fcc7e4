// Docker's client configuration file: $DOCKER_CONFIG/config.json or ~/.docker/config.json. berth reads `auths`,
// `credsStore` and `credHelpers` from it, and rewrites it (tab-indented, mode 0600, atomically) keeping every
// other key as it was.

import { mkdir, open, readFile, realpath, rename, rm } from 'node:fs/promises';
import { randomBytes } from '../../sys/random.js';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { BerthError } from '../../errors.js';

export interface AuthEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
  registrytoken?: string;
  email?: string;
}

export interface DockerConfig {
  path: string;
  /** The whole file as read, unknown keys included; `auths` is always an object. */
  data: Record<string, unknown> & { auths: Record<string, AuthEntry> };
}

export function dockerConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker');
}

export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(dockerConfigDir(env), 'config.json');
}

export async function readDockerConfig(path = dockerConfigPath()): Promise<DockerConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { path, data: { auths: {} } };
    throw e;
  }
  if (text.trim() === '') return { path, data: { auths: {} } };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new BerthError('INVALID_ARGUMENT', `loading config file ${path}: ${(e as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new BerthError('INVALID_ARGUMENT', `loading config file ${path}: not a JSON object`);
  }
  const obj = data as Record<string, unknown>;
  const auths = typeof obj.auths === 'object' && obj.auths !== null && !Array.isArray(obj.auths) ? obj.auths : {};
  return { path, data: { ...obj, auths: auths as Record<string, AuthEntry> } };
}

export function credsStore(cfg: DockerConfig): string | undefined {
  const s = cfg.data.credsStore;
  return typeof s === 'string' && s !== '' ? s : undefined;
}

export function credHelper(cfg: DockerConfig, host: string): string | undefined {
  const h = cfg.data.credHelpers;
  if (typeof h !== 'object' || h === null) return undefined;
  const v = (h as Record<string, unknown>)[host];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Writes the file as Docker does (tabs, no trailing newline, 0600), through a temporary file and a rename. */
export async function writeDockerConfig(cfg: DockerConfig): Promise<void> {
  const target = await realpath(cfg.path).catch(() => cfg.path);
  await mkdir(dirname(target), { recursive: true, mode: 0o700 });
  const tmp = `${target}.tmp-${randomBytes(6).toString('hex')}`;
  const fh = await open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(JSON.stringify(cfg.data, null, '\t'));
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
