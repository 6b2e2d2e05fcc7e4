// What one command shares while it talks to registries: the daemon.json settings and one HTTP transport (so
// connections are kept alive across requests and images), plus connected clients by registry domain.

import type { Digest } from '../../digest/digest.js';
import type { Reference } from '../../reference/reference.js';
import { RegistryClient } from './client.js';
import { loadRegistryConfig, type RegistryConfig } from './config.js';
import type { Credentials } from './credentials.js';
import { registryEndpoint } from './endpoints.js';
import { HttpTransport } from './http.js';
import { RegistrySource } from './source.js';

export class RegistrySession implements AsyncDisposable {
  readonly transport = new HttpTransport();
  private readonly clients = new Map<string, Promise<RegistryClient>>();

  constructor(readonly config: RegistryConfig) {}

  /** Reads daemon.json ($BERTH_CONFIG or the default path) unless a configuration is given. */
  static async open(opts: { config?: RegistryConfig; configPath?: string } = {}): Promise<RegistrySession> {
    return new RegistrySession(opts.config ?? (await loadRegistryConfig(opts.configPath)));
  }

  /** A client for `domain` itself (never a mirror) with the stored credentials, connected once per session. */
  client(domain: string): Promise<RegistryClient> {
    let c = this.clients.get(domain);
    if (!c) {
      c = this.connect(domain);
      c.catch(() => this.clients.delete(domain));
      this.clients.set(domain, c);
    }
    return c;
  }

  /** A new client for `domain`; `credentials` replace the stored ones when given (null: anonymous). */
  async connect(domain: string, credentials?: Credentials | null): Promise<RegistryClient> {
    return RegistryClient.connect(this.transport, await registryEndpoint(domain, this.config), { credentials });
  }

  /** A pull source for `ref` (mirrors first for Docker Hub). */
  source(ref: Reference, known?: (d: Digest) => Promise<Uint8Array | null>): Promise<RegistrySource> {
    return RegistrySource.open(ref, { transport: this.transport, config: this.config, known });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.transport[Symbol.asyncDispose]();
  }
}
