// Registry credentials where Docker keeps them: a credential helper (`credHelpers` for the host, else
// `credsStore`), else `auths` in config.json (base64 `user:password` in `auth`, plus `identitytoken`). Docker Hub's
// entry is `https://index.docker.io/v1/`; other registries are filed under host[:port].

import { BerthError } from '../../errors.js';
import { credHelper, credsStore, readDockerConfig, writeDockerConfig, type AuthEntry, type DockerConfig } from './docker-config.js';
import { helperErase, helperGet, helperStore } from './cred-helper.js';

export const DOCKER_HUB_AUTH_KEY = 'https://index.docker.io/v1/';

export interface Credentials {
  username: string;
  password: string;
  /** An OAuth2 refresh token from an earlier login (Docker's `identitytoken`, or a helper's `<token>` user). */
  identityToken?: string;
  /** A bearer token to send as it is (Docker's `registrytoken`). */
  registryToken?: string;
}

/** The config.json key for a registry domain. */
export function authKey(domain: string): string {
  return domain === 'docker.io' || domain === 'index.docker.io' || domain === 'registry-1.docker.io' ? DOCKER_HUB_AUTH_KEY : domain;
}

/** docker/cli ConvertToHostname: `https://h:5000/v1/` → `h:5000`. */
export function convertToHostname(s: string): string {
  let h = s;
  if (h.startsWith('http://')) h = h.slice(7);
  else if (h.startsWith('https://')) h = h.slice(8);
  const slash = h.indexOf('/');
  return slash < 0 ? h : h.slice(0, slash);
}

function helperFor(cfg: DockerConfig, key: string): string | undefined {
  return credHelper(cfg, key) ?? credHelper(cfg, convertToHostname(key)) ?? credsStore(cfg);
}

function decodeEntry(key: string, e: AuthEntry): Credentials {
  let username = e.username ?? '';
  let password = e.password ?? '';
  if (e.auth) {
    const text = Buffer.from(e.auth, 'base64').toString('utf8');
    const colon = text.indexOf(':');
    if (colon < 0) throw new BerthError('INVALID_ARGUMENT', `invalid auth configuration file: the entry for ${key} has no password`);
    username = text.slice(0, colon);
    password = text.slice(colon + 1).replace(/\x00+$/, '');
  }
  const out: Credentials = { username, password };
  if (e.identitytoken) out.identityToken = e.identitytoken;
  if (e.registrytoken) out.registryToken = e.registrytoken;
  return out;
}

function findEntry(cfg: DockerConfig, key: string): [string, AuthEntry] | null {
  if (cfg.data.auths[key]) return [key, cfg.data.auths[key]];
  const host = convertToHostname(key);
  for (const [k, v] of Object.entries(cfg.data.auths)) if (convertToHostname(k) === host) return [k, v];
  return null;
}

/** Credentials for a registry domain (`docker.io`, `127.0.0.1:5000`), or null for anonymous access. */
export async function getCredentials(domain: string, cfg?: DockerConfig): Promise<Credentials | null> {
  const config = cfg ?? (await readDockerConfig());
  const key = authKey(domain);
  const helper = helperFor(config, key);
  if (helper) {
    const h = await helperGet(helper, key);
    if (!h) return null;
    if (h.Username === '<token>') return { username: '', password: '', identityToken: h.Secret };
    return { username: h.Username, password: h.Secret };
  }
  const found = findEntry(config, key);
  if (!found) return null;
  const c = decodeEntry(found[0], found[1]);
  return c.username || c.password || c.identityToken || c.registryToken ? c : null;
}

/** Stores credentials as Docker's login does; returns where they went (a helper's name, or the file's path). */
export async function storeCredentials(domain: string, creds: Credentials, cfg?: DockerConfig): Promise<{ helper?: string; path: string }> {
  const config = cfg ?? (await readDockerConfig());
  const key = authKey(domain);
  const helper = helperFor(config, key);
  if (helper) {
    await helperStore(helper, {
      ServerURL: key,
      Username: creds.identityToken ? '<token>' : creds.username,
      Secret: creds.identityToken ?? creds.password,
    });
    config.data.auths[key] = {};
    await writeDockerConfig(config);
    return { helper, path: config.path };
  }
  const entry: AuthEntry = { auth: Buffer.from(`${creds.username}:${creds.password}`).toString('base64') };
  if (creds.identityToken) entry.identitytoken = creds.identityToken;
  const old = findEntry(config, key);
  if (old && old[0] !== key) delete config.data.auths[old[0]];
  config.data.auths[key] = entry;
  await writeDockerConfig(config);
  return { path: config.path };
}

/** Removes the credentials filed under each of `keys` (config.json entries, and the helper's), as `logout` does. */
export async function eraseCredentials(keys: string[], cfg?: DockerConfig): Promise<string[]> {
  const config = cfg ?? (await readDockerConfig());
  const warnings: string[] = [];
  for (const k of new Set(keys)) {
    const helper = helperFor(config, k);
    if (helper && config.data.auths[k] !== undefined) {
      await helperErase(helper, k).catch((e: Error) => warnings.push(`WARNING: could not erase credentials: ${e.message}`));
    }
    delete config.data.auths[k];
  }
  await writeDockerConfig(config);
  return warnings;
}
