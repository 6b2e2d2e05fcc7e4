// A token server for the Distribution registry's token auth (distribution docs/spec/auth/token.md, jwt.md): GET
// /token?service=&scope=… with optional Basic credentials → a JWT signed RS256 by a key whose self-signed
// certificate the registry trusts (`rootcertbundle`), the certificate in the `x5c` header. Also the OAuth2 form
// (POST grant_type=refresh_token). Records every request so tests can see what clients sent.

import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createPrivateKey, randomBytes, sign, type KeyObject } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TokenServerOptions {
  /** Accepted Basic credentials: name → password. Requests without credentials get tokens with no access. */
  users?: Record<string, string>;
  /** `expires_in` of issued tokens, seconds. */
  expiresIn?: number;
}

export interface TokenRequest {
  method: string;
  query: URLSearchParams;
  form?: URLSearchParams;
  user?: string;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export class TokenServer {
  readonly service = 'berth-test-registry';
  readonly issuer = 'berth-test-issuer';
  readonly requests: TokenRequest[] = [];
  private readonly refreshTokens = new Map<string, string>();

  private constructor(
    private readonly dir: string,
    private readonly server: Server,
    readonly port: number,
    private readonly key: KeyObject,
    private readonly x5c: string,
    private readonly opts: TokenServerOptions,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get certPath(): string {
    return join(this.dir, 'cert.pem');
  }

  static async start(opts: TokenServerOptions = {}): Promise<TokenServer> {
    const dir = mkdtempSync(join(tmpdir(), 'berth-token-'));
    const r = spawnSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2', '-subj', '/CN=berth-test-token'],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`openssl failed: ${r.stderr || r.error}`);
    const key = createPrivateKey(readFileSync(join(dir, 'key.pem')));
    const x5c = readFileSync(join(dir, 'cert.pem'), 'utf8').replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
    let self: TokenServer | null = null;
    const server = createServer((req, res) => {
      self!.handle(req).then(
        ({ status, body }) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        },
        (e) => {
          res.writeHead(500);
          res.end(String(e));
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    self = new TokenServer(dir, server, (server.address() as { port: number }).port, key, x5c, opts);
    return self;
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const url = new URL(req.url ?? '/', this.url);
    let body = '';
    for await (const c of req) body += c;
    const form = req.method === 'POST' ? new URLSearchParams(body) : undefined;
    let user: string | undefined;
    const auth = req.headers.authorization;
    if (auth?.startsWith('Basic ')) {
      const text = Buffer.from(auth.slice(6), 'base64').toString();
      const colon = text.indexOf(':');
      const name = text.slice(0, colon);
      if (this.opts.users?.[name] === undefined || this.opts.users[name] !== text.slice(colon + 1)) {
        this.requests.push({ method: req.method ?? 'GET', query: url.searchParams, form, user: name });
        return { status: 401, body: { errors: [{ code: 'UNAUTHORIZED', message: 'invalid username or password' }] } };
      }
      user = name;
    }
    const params = form ?? url.searchParams;
    if (form?.get('grant_type') === 'refresh_token') {
      user = this.refreshTokens.get(form.get('refresh_token') ?? '');
      if (!user) return { status: 401, body: { errors: [{ code: 'UNAUTHORIZED', message: 'invalid refresh token' }] } };
    }
    this.requests.push({ method: req.method ?? 'GET', query: url.searchParams, form, user });
    const scopes = (form ? (params.get('scope') ?? '').split(' ') : params.getAll('scope')).filter(Boolean);
    const access = user
      ? scopes.map((s) => {
          const [type, ...rest] = s.split(':');
          const actions = rest.pop()!.split(',');
          return { type, name: rest.join(':'), actions };
        })
      : [];
    const now = Math.floor(Date.now() / 1000);
    const expiresIn = this.opts.expiresIn ?? 300;
    const header = { typ: 'JWT', alg: 'RS256', x5c: [this.x5c] };
    const claims = { iss: this.issuer, sub: user ?? '', aud: this.service, exp: now + Math.max(expiresIn, 60), nbf: now - 10, iat: now, jti: randomBytes(8).toString('hex'), access };
    const signing = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const token = `${signing}.${b64url(sign('RSA-SHA256', Buffer.from(signing), this.key))}`;
    const out: Record<string, unknown> = { token, access_token: token, expires_in: expiresIn, issued_at: new Date(now * 1000).toISOString() };
    if (user && params.get('offline_token') === 'true') {
      const refresh = randomBytes(16).toString('hex');
      this.refreshTokens.set(refresh, user);
      out.refresh_token = refresh;
    }
    return { status: 200, body: out };
  }

  async stop(): Promise<void> {
    await new Promise((r) => this.server.close(r));
    this.server.closeAllConnections?.();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
