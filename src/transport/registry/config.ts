// The registry part of berth's daemon.json, named as Docker's daemon.json names it: `registry-mirrors`,
// `insecure-registries`, `max-concurrent-downloads`, `max-concurrent-uploads`, `max-download-attempts` (where the
// file is: store/daemon-config.ts); other keys are left to the parts of berth that use them.

import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { BerthError } from '../../errors.js';
import { daemonConfigPath, parseDaemonConfig } from '../../store/daemon-config.js';

export { daemonConfigPath };

export interface Cidr {
  family: 4 | 6;
  bits: bigint;
  prefix: number;
}

export interface RegistryConfig {
  /** Mirrors of Docker Hub, tried in order before it (each ends with `/`). */
  mirrors: string[];
  /** Registries (host[:port]) reached over plain HTTP or unverified TLS. */
  insecureHosts: Set<string>;
  /** Networks whose registries are insecure; loopback always is (Docker's default). */
  insecureCidrs: Cidr[];
  maxConcurrentDownloads: number;
  maxConcurrentUploads: number;
  maxDownloadAttempts: number;
}

export const DEFAULT_CONCURRENT_DOWNLOADS = 3;
export const DEFAULT_CONCURRENT_UPLOADS = 5;
export const DEFAULT_DOWNLOAD_ATTEMPTS = 5;

export function parseCidr(s: string): Cidr | null {
  const slash = s.indexOf('/');
  if (slash < 0) return null;
  const addr = s.slice(0, slash);
  const prefix = Number(s.slice(slash + 1));
  const family = isIP(addr);
  if (family === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) return null;
  return { family: family as 4 | 6, bits: ipBits(addr), prefix };
}

/** An IP literal as a number (IPv4 in 32 bits, IPv6 in 128; IPv4-mapped IPv6 counts as IPv4). */
export function ipBits(addr: string): bigint {
  if (isIP(addr) === 4) return addr.split('.').reduce((n, o) => (n << 8n) | BigInt(Number(o)), 0n);
  let a = addr.replace(/^\[|\]$/g, '');
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (v4) {
    const n = ipBits(v4[1]);
    a = a.slice(0, -v4[1].length) + `${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, tail] = a.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined ? (tail ? tail.split(':') : []) : [];
  const groups = tail !== undefined ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return groups.reduce((n, g) => (n << 16n) | BigInt(parseInt(g || '0', 16)), 0n);
}

export function cidrContains(c: Cidr, addr: string): boolean {
  let family = isIP(addr);
  let bits = family ? ipBits(addr) : -1n;
  if (family === 6 && bits >> 32n === 0xffffn) {
    family = 4;
    bits &= 0xffffffffn;
  }
  if (family !== c.family) return false;
  const width = BigInt(family === 4 ? 32 : 128);
  const shift = width - BigInt(c.prefix);
  return bits >> shift === c.bits >> shift;
}

/** Docker's ValidateMirror: an http(s) URL with no path, query, fragment or user; returned with one `/` at the end. */
export function validateMirror(val: string): string {
  let u: URL;
  try {
    u = new URL(val);
  } catch {
    throw new BerthError('INVALID_ARGUMENT', `invalid mirror: ${JSON.stringify(val)} is not a valid URI`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new BerthError('INVALID_ARGUMENT', `invalid mirror: unsupported scheme ${JSON.stringify(u.protocol.slice(0, -1))} in ${JSON.stringify(val)}`);
  }
  if ((u.pathname !== '' && u.pathname !== '/') || u.search || u.hash) {
    throw new BerthError('INVALID_ARGUMENT', `invalid mirror: path, query, or fragment at end of the URI ${JSON.stringify(val)}`);
  }
  if (u.username || u.password) {
    throw new BerthError('INVALID_ARGUMENT', `invalid mirror: username/password not allowed in URI ${JSON.stringify(val)}`);
  }
  return val.replace(/\/+$/, '') + '/';
}

const LOOPBACK: Cidr[] = [parseCidr('127.0.0.0/8')!, parseCidr('::1/128')!];

function positiveInt(path: string, key: string, v: unknown, dflt: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new BerthError('INVALID_ARGUMENT', `invalid daemon configuration file ${path}: ${key} must be a positive integer`);
  }
  return v;
}

function stringList(path: string, key: string, v: unknown): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) {
    throw new BerthError('INVALID_ARGUMENT', `invalid daemon configuration file ${path}: ${key} must be a list of strings`);
  }
  return v as string[];
}

/** Builds the configuration from daemon.json's parsed object (`path` names the file in errors). */
export function registryConfigFrom(data: unknown, path = 'daemon.json'): RegistryConfig {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new BerthError('INVALID_ARGUMENT', `invalid daemon configuration file ${path}: expected a JSON object`);
  }
  const o = data as Record<string, unknown>;
  const mirrors = stringList(path, 'registry-mirrors', o['registry-mirrors']).map(validateMirror);
  const insecureHosts = new Set<string>();
  const insecureCidrs = [...LOOPBACK];
  for (const r of stringList(path, 'insecure-registries', o['insecure-registries'])) {
    if (r.includes('://')) throw new BerthError('INVALID_ARGUMENT', `insecure registry ${r} should not contain '://'`);
    const cidr = parseCidr(r);
    if (cidr) insecureCidrs.push(cidr);
    else insecureHosts.add(r.toLowerCase());
  }
  return {
    mirrors,
    insecureHosts,
    insecureCidrs,
    maxConcurrentDownloads: positiveInt(path, 'max-concurrent-downloads', o['max-concurrent-downloads'], DEFAULT_CONCURRENT_DOWNLOADS),
    maxConcurrentUploads: positiveInt(path, 'max-concurrent-uploads', o['max-concurrent-uploads'], DEFAULT_CONCURRENT_UPLOADS),
    maxDownloadAttempts: positiveInt(path, 'max-download-attempts', o['max-download-attempts'], DEFAULT_DOWNLOAD_ATTEMPTS),
  };
}

/** Reads daemon.json; a missing file means Docker's defaults. */
export async function loadRegistryConfig(path = daemonConfigPath()): Promise<RegistryConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return registryConfigFrom({}, path);
    throw e;
  }
  return registryConfigFrom(parseDaemonConfig(text, path), path);
}
