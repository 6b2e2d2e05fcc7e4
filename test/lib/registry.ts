// A real registry for tests: Debian's docker-registry (the CNCF Distribution registry) started on 127.0.0.1 at a
// free port with a private storage directory (over HTTPS with a self-signed certificate if asked) — without auth, with htpasswd (bcrypt from `htpasswd -B`), or with
// token auth against a TokenServer of the test's own (its certificate in `rootcertbundle`). Stopped by stop().

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TokenServer } from './token-server.js';

export const REGISTRY_BIN = '/usr/bin/docker-registry';

export interface RegistryOptions {
  /** htpasswd users: name → password. */
  htpasswd?: Record<string, string>;
  /** Token auth through this server. */
  token?: TokenServer;
  /** Serve HTTPS only, with a self-signed certificate for 127.0.0.1 (no client trusts it). */
  tls?: boolean;
}

/** A port nothing listens on right now (the kernel's pick). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export class TestRegistry {
  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly child: ChildProcess,
  ) {}

  /** host:port, what references start with. */
  get host(): string {
    return `127.0.0.1:${this.port}`;
  }

  get url(): string {
    return `http://${this.host}`;
  }

  static async start(opts: RegistryOptions = {}): Promise<TestRegistry> {
    const dir = mkdtempSync(join(tmpdir(), 'berth-registry-'));
    const port = await freePort();
    let auth = '';
    if (opts.htpasswd) {
      const lines: string[] = [];
      for (const [user, pass] of Object.entries(opts.htpasswd)) {
        const r = spawnSync('htpasswd', ['-Bbn', user, pass], { encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`htpasswd failed: ${r.stderr || r.error}`);
        lines.push(r.stdout.trim());
      }
      writeFileSync(join(dir, 'htpasswd'), lines.join('\n') + '\n');
      auth = `auth:\n  htpasswd:\n    realm: berth-test\n    path: ${join(dir, 'htpasswd')}\n`;
    } else if (opts.token) {
      auth =
        `auth:\n  token:\n    realm: ${opts.token.url}/token\n    service: ${opts.token.service}\n` +
        `    issuer: ${opts.token.issuer}\n    rootcertbundle: ${opts.token.certPath}\n`;
    }
    let tls = '';
    if (opts.tls) {
      const r = spawnSync(
        'openssl',
        ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'tls.key'), '-out', join(dir, 'tls.crt'), '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
        { encoding: 'utf8' },
      );
      if (r.status !== 0) throw new Error(`openssl failed: ${r.stderr || r.error}`);
      tls = `  tls:\n    certificate: ${join(dir, 'tls.crt')}\n    key: ${join(dir, 'tls.key')}\n`;
    }
    writeFileSync(
      join(dir, 'config.yml'),
      `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'data')}\n` +
        `  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:${port}\n${tls}${auth}`,
    );
    const child = spawn(REGISTRY_BIN, ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr!.on('data', (b: Buffer) => {
      if (log.length < 65536) log += b.toString();
    });
    const reg = new TestRegistry(dir, port, child);
    for (let i = 0; i < 100; i++) {
      if (child.exitCode !== null) break;
      const ok = await (opts.tls ? portOpen(port) : fetch(`http://127.0.0.1:${port}/v2/`)).then(
        () => true,
        () => false,
      );
      if (ok) return reg;
      await sleep(50);
    }
    await reg.stop();
    throw new Error(`docker-registry did not start on port ${port}: ${log}`);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((r) => this.child.once('exit', r));
      this.child.kill('SIGTERM');
      await Promise.race([exited, sleep(5000)]);
      if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function portOpen(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, '127.0.0.1', () => {
      sock.destroy();
      resolve();
    });
    sock.once('error', reject);
  });
}

export const hasRegistry = () => spawnSync('sh', ['-c', `test -x ${REGISTRY_BIN}`]).status === 0;
