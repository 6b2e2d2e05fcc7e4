// A client for one registry endpoint: picks the origin that answers `GET /v2/` (HTTPS, or HTTP for an insecure
// registry), then sends requests with the Authorization its challenge asks for, retrying once after a 401 with a
// fresh token. Requests to another origin (redirect targets) never carry credentials.

import { BerthError } from '../../errors.js';
import { Authenticator, readLimited } from './auth.js';
import { parseChallenges } from './challenge.js';
import { getCredentials, type Credentials } from './credentials.js';
import type { Endpoint } from './endpoints.js';
import { registryError, RegistryError } from './errors.js';
import { sameOrigin, type HttpResponse, type HttpTransport } from './http.js';
import type { Readable } from 'node:stream';

const MAX_ERROR_BODY = 64 * 1024;

export interface RequestOptions {
  scopes: string[];
  headers?: Record<string, string>;
  /** A body that can be sent again (a 401 retry) or a stream (sent once: get authorized first). */
  body?: Buffer | string | Readable | null;
  /** Follow redirects (GET and HEAD of blobs). */
  follow?: boolean;
}

export class RegistryClient {
  private constructor(
    private readonly transport: HttpTransport,
    readonly endpoint: Endpoint,
    /** The origin that answered: https://host:port or http://host:port. */
    readonly base: URL,
    readonly auth: Authenticator,
  ) {}

  /** Connects to the first origin of `endpoint` that answers /v2/; credentials come from Docker's config unless given. */
  static async connect(
    transport: HttpTransport,
    endpoint: Endpoint,
    opts: { credentials?: Credentials | null } = {},
  ): Promise<RegistryClient> {
    const creds = opts.credentials !== undefined ? opts.credentials : await getCredentials(endpoint.domain);
    let last: unknown;
    for (const base of endpoint.bases) {
      const auth = new Authenticator(transport, creds, endpoint.insecureTLS);
      const client = new RegistryClient(transport, endpoint, base, auth);
      try {
        await client.ping();
        return client;
      } catch (e) {
        last = e;
        if (e instanceof RegistryError) throw e;
      }
    }
    throw last;
  }

  get host(): string {
    return this.base.host;
  }

  /** `GET /v2/`: 200, or 401 with a challenge to remember; anything else is an error. */
  async ping(): Promise<void> {
    const url = new URL('/v2/', this.base);
    const res = await this.transport.send({ method: 'GET', url, insecureTLS: this.endpoint.insecureTLS });
    const text = await readLimited(res.body, MAX_ERROR_BODY).catch(() => '');
    if (res.status === 200) return;
    if (res.status === 401 && this.auth.learn(parseChallenges(res.headers['www-authenticate']))) return;
    throw new BerthError('UNAVAILABLE', `Get ${JSON.stringify(url.toString())}: ${registryError(res.status, text).message}`);
  }

  url(path: string): URL {
    return new URL(path, this.base);
  }

  /** Sends a request (path relative to the origin, or an absolute upload Location) with authorization. */
  async request(method: string, path: string | URL, opts: RequestOptions): Promise<HttpResponse> {
    const url = typeof path === 'string' ? this.url(path) : path;
    const retryable = !opts.body || typeof opts.body === 'string' || Buffer.isBuffer(opts.body);
    for (let attempt = 0; ; attempt++) {
      const authorization = await this.authorize(method, url, opts.scopes);
      const headersFor = (u: URL): Record<string, string> => {
        const h = { ...opts.headers };
        if (authorization && sameOrigin(u, this.base)) h.authorization = authorization;
        return h;
      };
      const res = opts.follow
        ? await this.transport.follow({ method, url, insecureTLS: this.endpoint.insecureTLS }, headersFor)
        : await this.transport.send({ method, url, headers: headersFor(url), body: opts.body, insecureTLS: this.endpoint.insecureTLS });
      if (res.status !== 401 || attempt > 0 || !retryable) return res;
      const challenges = parseChallenges(res.headers['www-authenticate']);
      const before = this.auth.scheme;
      if (!this.auth.learn(challenges)) return res;
      if (before === 'basic' && this.auth.scheme === 'basic') return res;
      await res.body.dump();
      this.auth.invalidate(opts.scopes);
    }
  }

  private async authorize(method: string, url: URL, scopes: string[]): Promise<string | null> {
    try {
      return await this.auth.authorization(scopes);
    } catch (e) {
      if (e instanceof BerthError) {
        throw new BerthError(e.code, `${method[0]}${method.slice(1).toLowerCase()} ${JSON.stringify(url.toString())}: ${e.message}`, { cause: e });
      }
      throw e;
    }
  }

  /** Reads an error answer and turns it into a RegistryError. */
  async failure(res: HttpResponse): Promise<RegistryError> {
    const text = res.status === 0 ? '' : await readLimited(res.body, MAX_ERROR_BODY).catch(() => '');
    return registryError(res.status, text, parseChallenges(res.headers['www-authenticate']));
  }
}

/** The token scope for a repository. */
export function repoScope(path: string, actions: 'pull' | 'push' | 'pull,push'): string {
  return `repository:${path}:${actions}`;
}
