// Where a registry domain is reached: Docker Hub (`docker.io`) at registry-1.docker.io after its configured
// mirrors (pulls only); any other domain at itself. Insecure registries (configured hosts, configured networks,
// loopback) are tried over HTTPS without verifying the certificate, then over plain HTTP, as Docker does.

import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { cidrContains, type RegistryConfig } from './config.js';

export const DOCKER_HUB_DOMAIN = 'docker.io';
export const DOCKER_HUB_REGISTRY = 'registry-1.docker.io';
export const DOCKER_HUB_INDEX = 'https://index.docker.io';

export interface Endpoint {
  /** Origins to try in order (https, then http for an insecure registry); the first that answers is used. */
  bases: URL[];
  /** The domain credentials are looked up by. */
  domain: string;
  insecureTLS: boolean;
  mirror: boolean;
}

/** The host part used to decide insecurity: the domain without a port, IPv6 brackets removed. */
function hostOf(hostPort: string): string {
  if (hostPort.startsWith('[')) return hostPort.slice(1, hostPort.indexOf(']'));
  const colon = hostPort.lastIndexOf(':');
  return colon > 0 && !hostPort.slice(0, colon).includes(':') ? hostPort.slice(0, colon) : hostPort;
}

/** Docker's isSecureIndex: insecure if listed by name, or if any address of the host is in an insecure network. */
export async function isInsecure(hostPort: string, config: RegistryConfig): Promise<boolean> {
  if (config.insecureHosts.has(hostPort.toLowerCase())) return true;
  const host = hostOf(hostPort);
  let addrs: string[];
  if (isIP(host)) addrs = [host];
  else if (host === 'localhost') addrs = ['127.0.0.1'];
  else {
    try {
      addrs = (await lookup(host, { all: true })).map((a) => a.address);
    } catch {
      return false;
    }
  }
  return addrs.some((a) => config.insecureCidrs.some((c) => cidrContains(c, a)));
}

async function endpointFor(domain: string, hostPort: string, config: RegistryConfig, mirror: boolean, scheme?: string): Promise<Endpoint> {
  const insecure = await isInsecure(hostPort, config);
  const bases: URL[] = [];
  if (scheme === 'http:') bases.push(new URL(`http://${hostPort}`));
  else {
    bases.push(new URL(`https://${hostPort}`));
    if (insecure && scheme === undefined) bases.push(new URL(`http://${hostPort}`));
  }
  return { bases, domain, insecureTLS: insecure, mirror };
}

/** Endpoints for pulling from `domain`: mirrors first for Docker Hub. */
export async function pullEndpoints(domain: string, config: RegistryConfig): Promise<Endpoint[]> {
  if (domain !== DOCKER_HUB_DOMAIN) return [await endpointFor(domain, domain, config, false)];
  const out: Endpoint[] = [];
  for (const m of config.mirrors) {
    const u = new URL(m);
    out.push(await endpointFor(u.host, u.host, config, true, u.protocol));
  }
  out.push(await endpointFor(domain, DOCKER_HUB_REGISTRY, config, false));
  return out;
}

/** The endpoint for pushing to, logging in to or listing `domain` (never a mirror). */
export async function registryEndpoint(domain: string, config: RegistryConfig): Promise<Endpoint> {
  return endpointFor(domain, domain === DOCKER_HUB_DOMAIN ? DOCKER_HUB_REGISTRY : domain, config, false);
}
