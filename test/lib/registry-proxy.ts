// A faulty network between berth and a test registry: an HTTP proxy on 127.0.0.1 that forwards to the registry
// unless a rule says otherwise — answer with a status of its own, cut a response off after some bytes (a dropped
// connection), change a byte of a body (a registry serving wrong bytes), or redirect elsewhere. Records what
// clients sent (methods, paths, Range and Authorization headers).

import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

export type Action =
  | { status: number; body?: string; headers?: Record<string, string> }
  | { cutAfter: number }
  | { corruptAt: number }
  | { redirect: string };

/** Decides what to do with a request; `n` counts the earlier requests this rule matched. */
export interface Rule {
  match: (req: SeenRequest) => boolean;
  action: (req: SeenRequest, n: number) => Action | undefined;
  hits?: number;
}

export class RegistryProxy {
  readonly requests: SeenRequest[] = [];
  rules: Rule[] = [];

  private constructor(
    private readonly server: Server,
    readonly port: number,
    readonly hostname: string,
  ) {}

  get host(): string {
    return `${this.hostname}:${this.port}`;
  }

  /** Forwards to `target` (http://host:port), listening on `hostname` (127.0.0.1 unless another loopback is wanted). */
  static async start(target: string, hostname = '127.0.0.1'): Promise<RegistryProxy> {
    const upstream = new URL(target);
    let self: RegistryProxy | null = null;
    const server = createServer((req, res) => {
      const seen: SeenRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers };
      self!.requests.push(seen);
      let action: Action | undefined;
      for (const r of self!.rules) {
        if (!r.match(seen)) continue;
        action = r.action(seen, r.hits ?? 0);
        r.hits = (r.hits ?? 0) + 1;
        if (action) break;
      }
      if (action && 'status' in action) {
        res.writeHead(action.status, { 'content-type': 'application/json', ...action.headers });
        res.end(action.body ?? '');
        req.resume();
        return;
      }
      if (action && 'redirect' in action) {
        res.writeHead(307, { location: action.redirect, 'content-length': '0' });
        res.end();
        req.resume();
        return;
      }
      // The Host header stays the proxy's, so the registry's absolute Locations (uploads) come back through it.
      const headers = { ...req.headers };
      const up = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, (ur) => {
        res.writeHead(ur.statusCode ?? 502, ur.headers);
        let sent = 0;
        ur.on('data', (chunk: Buffer) => {
          if (action && 'cutAfter' in action) {
            const room = action.cutAfter - sent;
            if (room <= 0) return;
            if (chunk.length >= room) {
              res.write(chunk.subarray(0, room), () => res.socket?.destroy());
              sent += room;
              ur.destroy();
              return;
            }
          }
          if (action && 'corruptAt' in action && action.corruptAt >= sent && action.corruptAt < sent + chunk.length) {
            chunk = Buffer.from(chunk);
            chunk[action.corruptAt - sent] ^= 0xff;
          }
          sent += chunk.length;
          res.write(chunk);
        });
        ur.on('end', () => res.end());
        ur.on('error', () => res.socket?.destroy());
      });
      up.on('error', () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      req.pipe(up);
    });
    await new Promise<void>((resolve) => server.listen(0, hostname, resolve));
    self = new RegistryProxy(server, (server.address() as { port: number }).port, hostname);
    return self;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections?.();
    await new Promise((r) => this.server.close(r));
  }
}

/** Matches blob GETs (`/v2/<repo>/blobs/sha256:…`), optionally one digest only. */
export function blobGet(digest?: string): (r: SeenRequest) => boolean {
  return (r) => r.method === 'GET' && /\/blobs\/sha256:[a-f0-9]{64}/.test(r.path) && (!digest || r.path.includes(digest));
}
