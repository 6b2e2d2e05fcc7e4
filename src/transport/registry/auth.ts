// Authorization for one registry: learns the scheme from a 401's challenge, then sends Basic credentials or a
// Bearer token from the challenge's realm (distribution `docs/spec/auth/token.md`): fetched per scope set, cached
// until it expires (`expires_in`, 60 s at least), refreshed on expiry or when the registry refuses it. An identity
// token from an earlier login is traded with `grant_type=refresh_token` (`docs/spec/auth/oauth.md`).

import { BerthError } from '../../errors.js';
import type { Challenge } from './challenge.js';
import type { Credentials } from './credentials.js';
import type { HttpTransport } from './http.js';
import { networkError, registryError } from './errors.js';
import { parseChallenges } from './challenge.js';

const MIN_TOKEN_LIFETIME_S = 60;
const EXPIRY_MARGIN_MS = 5_000;
const MAX_TOKEN_RESPONSE = 1 << 20;

interface CachedToken {
  token: string;
  expires: number;
}

export class Authenticator {
  private challenge: Challenge | null = null;
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<string>>();

  constructor(
    private readonly transport: HttpTransport,
    readonly credentials: Credentials | null,
    private readonly insecureTLS = false,
    private readonly now: () => number = Date.now,
  ) {}

  get scheme(): string | null {
    return this.challenge?.scheme ?? null;
  }

  /** Takes the challenge of a 401: Bearer preferred over Basic. Returns false when none is usable. */
  learn(challenges: Challenge[]): boolean {
    const c = challenges.find((x) => x.scheme === 'bearer') ?? challenges.find((x) => x.scheme === 'basic');
    if (!c) return false;
    this.challenge = c;
    return true;
  }

  /** Forgets the token for these scopes (the registry refused it). */
  invalidate(scopes: string[]): void {
    this.tokens.delete(scopeKey(this.wanted(scopes)));
  }

  /** The scopes a token is asked for: the request's, and the one the challenge names, if any. */
  private wanted(scopes: string[]): string[] {
    const extra = this.challenge?.params.scope ? this.challenge.params.scope.split(' ') : [];
    return [...new Set([...scopes, ...extra])].sort();
  }

  /** The Authorization header for a request that needs `scopes`; null until a challenge asked for one. */
  async authorization(scopes: string[]): Promise<string | null> {
    const c = this.challenge;
    if (!c) return null;
    if (c.scheme === 'basic') {
      const cr = this.credentials;
      if (!cr || (!cr.username && !cr.password)) throw new BerthError('UNAUTHENTICATED', 'no basic auth credentials');
      return `Basic ${Buffer.from(`${cr.username}:${cr.password}`).toString('base64')}`;
    }
    if (this.credentials?.registryToken) return `Bearer ${this.credentials.registryToken}`;
    const wanted = this.wanted(scopes);
    const key = scopeKey(wanted);
    const cached = this.tokens.get(key);
    if (cached && cached.expires - EXPIRY_MARGIN_MS > this.now()) return `Bearer ${cached.token}`;
    let p = this.pending.get(key);
    if (!p) {
      p = this.fetchToken(c, wanted).finally(() => this.pending.delete(key));
      this.pending.set(key, p);
    }
    return `Bearer ${await p}`;
  }

  private async fetchToken(c: Challenge, scopes: string[]): Promise<string> {
    const realm = c.params.realm;
    if (!realm) throw new BerthError('UNAUTHENTICATED', 'no realm specified for token auth challenge');
    let url: URL;
    try {
      url = new URL(realm);
    } catch {
      throw new BerthError('UNAUTHENTICATED', `invalid token auth challenge realm: ${JSON.stringify(realm)}`);
    }
    const cr = this.credentials;
    const started = this.now();
    let res;
    if (cr?.identityToken) {
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: cr.identityToken, client_id: 'berth' });
      if (c.params.service) form.set('service', c.params.service);
      if (scopes.length) form.set('scope', scopes.join(' '));
      res = await this.transport.send({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        insecureTLS: this.insecureTLS,
      });
    } else {
      if (c.params.service) url.searchParams.set('service', c.params.service);
      for (const s of scopes) url.searchParams.append('scope', s);
      const headers: Record<string, string> = {};
      if (cr && (cr.username || cr.password)) {
        url.searchParams.set('account', cr.username);
        headers.authorization = `Basic ${Buffer.from(`${cr.username}:${cr.password}`).toString('base64')}`;
      }
      res = await this.transport.send({ method: 'GET', url, headers, insecureTLS: this.insecureTLS });
    }
    const text = await readLimited(res.body, MAX_TOKEN_RESPONSE);
    if (res.status < 200 || res.status >= 300) {
      throw registryError(res.status, text, parseChallenges(res.headers['www-authenticate']));
    }
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new BerthError('UNAUTHENTICATED', 'unable to decode token response: invalid JSON');
    }
    const token = typeof data.token === 'string' && data.token ? data.token : typeof data.access_token === 'string' ? data.access_token : '';
    if (!token) throw new BerthError('UNAUTHENTICATED', 'authorization server did not include a token in the response');
    let lifetime = typeof data.expires_in === 'number' ? data.expires_in : MIN_TOKEN_LIFETIME_S;
    if (lifetime < MIN_TOKEN_LIFETIME_S) lifetime = MIN_TOKEN_LIFETIME_S;
    const issued = typeof data.issued_at === 'string' ? Date.parse(data.issued_at) : NaN;
    const from = Number.isFinite(issued) && Math.abs(issued - started) < 10 * 60_000 ? Math.min(issued, started) : started;
    this.tokens.set(scopeKey(scopes), { token, expires: from + lifetime * 1000 });
    return token;
  }

  /** Verifies credentials the way `login` does; resolves to a refresh token when the server issued one. */
  async login(): Promise<{ identityToken?: string }> {
    const c = this.challenge;
    if (!c || c.scheme !== 'bearer') return {};
    const realm = c.params.realm;
    if (!realm) throw new BerthError('UNAUTHENTICATED', 'no realm specified for token auth challenge');
    const url = new URL(realm);
    if (c.params.service) url.searchParams.set('service', c.params.service);
    url.searchParams.set('client_id', 'berth');
    url.searchParams.set('offline_token', 'true');
    const cr = this.credentials;
    const headers: Record<string, string> = {};
    if (cr) {
      url.searchParams.set('account', cr.username);
      headers.authorization = `Basic ${Buffer.from(`${cr.username}:${cr.password}`).toString('base64')}`;
    }
    const res = await this.transport.send({ method: 'GET', url, headers, insecureTLS: this.insecureTLS }).catch((e) => {
      throw e instanceof BerthError ? e : networkError('GET', url, e);
    });
    const text = await readLimited(res.body, MAX_TOKEN_RESPONSE);
    if (res.status < 200 || res.status >= 300) {
      const err = registryError(res.status, text, parseChallenges(res.headers['www-authenticate']));
      throw new BerthError(err.code, `Get ${JSON.stringify(url.toString())}: ${err.message}`);
    }
    try {
      const data = JSON.parse(text) as Record<string, unknown>;
      return typeof data.refresh_token === 'string' && data.refresh_token ? { identityToken: data.refresh_token } : {};
    } catch {
      throw new BerthError('UNAUTHENTICATED', 'unable to decode token response: invalid JSON');
    }
  }
}

function scopeKey(scopes: string[]): string {
  return [...scopes].sort().join(' ');
}

/** Reads a small response body whole, refusing more than `max` bytes. */
export async function readBytes(body: AsyncIterable<Buffer | string>, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of body) {
    const b = typeof c === 'string' ? Buffer.from(c) : c;
    n += b.length;
    if (n > max) {
      (body as { destroy?: () => void }).destroy?.();
      throw new BerthError('FAILED_PRECONDITION', `response body larger than ${max} bytes`);
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks, n);
}

/** Reads a small response body as text, refusing more than `max` bytes. */
export async function readLimited(body: AsyncIterable<Buffer | string>, max: number): Promise<string> {
  return (await readBytes(body, max)).toString('utf8');
}
