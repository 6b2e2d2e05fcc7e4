// HTTP for registries on undici: keep-alive agents (one verifying TLS, one for insecure registries), one request
// at a time or following redirects itself, so that headers meant for one origin (Authorization) never reach
// another (blob storage behind a 307, a mirror's redirect). Transport failures come back in Go's wording.

import { Agent, request } from 'undici';
import type { Readable } from 'node:stream';
import { VERSION } from '../../version.js';
import { BerthError } from '../../errors.js';
import { networkError } from './errors.js';
import { trustDeferredExtraCA } from '../../sys/extra-ca.js';

export type Headers = Record<string, string | string[] | undefined>;

export interface HttpRequest {
  method: string;
  url: URL;
  headers?: Record<string, string>;
  body?: Buffer | string | Readable | null;
  /** Do not verify the server's certificate (an insecure registry). */
  insecureTLS?: boolean;
  signal?: AbortSignal;
}

export interface ResponseBody extends Readable {
  text(): Promise<string>;
  dump(): Promise<void>;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: ResponseBody;
  /** Where the answer came from (after redirects). */
  url: URL;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 10;

export function header(h: Headers, name: string): string | undefined {
  const v = h[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

export class HttpTransport implements AsyncDisposable {
  private readonly agent: Agent;
  private insecure: Agent | null = null;

  constructor() {
    // NODE_EXTRA_CA_CERTS, which bin/berth kept from node's start-up, is trusted from the first connection on.
    trustDeferredExtraCA();
    this.agent = new Agent({ keepAliveTimeout: 30_000, connect: { timeout: 30_000 }, headersTimeout: 120_000, bodyTimeout: 120_000 });
  }

  private dispatcher(insecureTLS: boolean | undefined): Agent {
    if (!insecureTLS) return this.agent;
    this.insecure ??= new Agent({
      keepAliveTimeout: 30_000,
      connect: { timeout: 30_000, rejectUnauthorized: false },
      headersTimeout: 120_000,
      bodyTimeout: 120_000,
    });
    return this.insecure;
  }

  /** One request, no redirects followed. */
  async send(req: HttpRequest): Promise<HttpResponse> {
    const headers: Record<string, string> = { 'user-agent': `berth/${VERSION}`, ...lower(req.headers) };
    try {
      const res = await request(req.url, {
        method: req.method as 'GET',
        headers,
        body: req.body ?? undefined,
        dispatcher: this.dispatcher(req.insecureTLS),
        signal: req.signal,
      });
      return { status: res.statusCode, headers: res.headers as Headers, body: res.body as unknown as ResponseBody, url: req.url };
    } catch (e) {
      if ((e as Error).name === 'AbortError') throw e;
      throw networkError(req.method, req.url, e);
    }
  }

  /**
   * A GET or HEAD that follows redirects. `headersFor(url)` gives the headers for each hop, so credentials are
   * added only where they belong (the same origin as the first request).
   */
  async follow(req: Omit<HttpRequest, 'headers' | 'body'>, headersFor: (url: URL) => Record<string, string>): Promise<HttpResponse> {
    let url = req.url;
    for (let hop = 0; ; hop++) {
      const res = await this.send({ ...req, url, headers: headersFor(url) });
      const location = header(res.headers, 'location');
      if (!REDIRECTS.has(res.status) || !location) return res;
      await res.body.dump();
      if (hop >= MAX_REDIRECTS) throw new BerthError('UNAVAILABLE', `${verb(req.method)} ${JSON.stringify(url.toString())}: stopped after ${MAX_REDIRECTS} redirects`);
      url = new URL(location, url);
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await Promise.all([this.agent.close(), this.insecure?.close()]);
  }
}

function lower(h: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h ?? {})) out[k.toLowerCase()] = v;
  return out;
}

function verb(method: string): string {
  return method[0] + method.slice(1).toLowerCase();
}

/** Two URLs share an origin: same scheme, host and port. */
export function sameOrigin(a: URL, b: URL): boolean {
  return a.protocol === b.protocol && a.host === b.host;
}
