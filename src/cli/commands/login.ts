// berth login [-u USER] [-p PASS | --password-stdin] [SERVER]: checks the credentials against the registry as
// Docker's daemon does (Basic: GET /v2/; token auth: a token from the challenge's realm), then stores them where
// Docker keeps them (a credential helper, else config.json with Docker's warning). Docker's prompts and messages.

import type { Context } from '../context.js';
import { BerthError } from '../../errors.js';
import { RegistrySession } from '../../transport/registry/session.js';
import { DOCKER_HUB_DOMAIN } from '../../transport/registry/endpoints.js';
import {
  authKey,
  convertToHostname,
  DOCKER_HUB_AUTH_KEY,
  getCredentials,
  storeCredentials,
  type Credentials,
} from '../../transport/registry/credentials.js';
import { credHelper, credsStore, readDockerConfig } from '../../transport/registry/docker-config.js';
import { statusLine } from '../../transport/registry/errors.js';
import { DAEMON_PREFIX, reportDaemonError } from '../output/daemon-errors.js';
import { readLine } from '../output/read-line.js';

interface LoginFlags {
  username?: string;
  password?: string;
  passwordStdin?: boolean;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Checks credentials against the registry; resolves to an identity token when the token server issued one. */
async function authenticate(session: RegistrySession, domain: string, creds: Credentials): Promise<{ identityToken?: string }> {
  const client = await session.connect(domain, creds);
  const v2 = client.url('/v2/');
  if (client.auth.scheme === 'bearer') {
    const out = await client.auth.login().catch((e: unknown) => {
      if (e instanceof BerthError) throw new BerthError(e.code, `Get ${JSON.stringify(v2.toString())}: ${e.message.replace(/^Get "[^"]*": /, '')}`);
      throw e;
    });
    return out;
  }
  const res = await client.request('GET', '/v2/', { scopes: [] });
  await res.body.dump();
  if (res.status !== 200) {
    throw new BerthError('UNAUTHENTICATED', `login attempt to ${v2} failed with status: ${statusLine(res.status)}`);
  }
  return {};
}

export async function run(ctx: Context, [server]: unknown[], opts: LoginFlags): Promise<number | void> {
  let password = opts.password ?? '';
  try {
    if (password) {
      ctx.stderr.write('WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n');
      if (opts.passwordStdin) throw new BerthError('INVALID_ARGUMENT', '--password and --password-stdin are mutually exclusive');
    }
    if (opts.passwordStdin) {
      if (!opts.username) throw new BerthError('INVALID_ARGUMENT', 'Must provide --username with --password-stdin');
      password = (await readStdin()).replace(/\n$/, '').replace(/\r$/, '');
    }
  } catch (e) {
    return reportDaemonError(e, '', ctx.opts.debug);
  }
  const given = server as string | undefined;
  const isHub = !given || given === DOCKER_HUB_DOMAIN || given === DOCKER_HUB_AUTH_KEY;
  const address = isHub ? DOCKER_HUB_AUTH_KEY : convertToHostname(given!);
  const domain = isHub ? DOCKER_HUB_DOMAIN : address;
  let daemonStarted = false;
  try {
    await using session = await RegistrySession.open();
    let result: { identityToken?: string } | null = null;
    let creds: Credentials | null = null;
    const stored = !opts.username && !password ? await getCredentials(domain).catch(() => null) : null;
    if (stored && stored.username && stored.password) {
      ctx.line('Authenticating with existing credentials...');
      try {
        result = await authenticate(session, domain, stored);
        creds = stored;
      } catch (e) {
        ctx.stderr.write(`Login did not succeed, error: ${(e as Error).message}\n`);
      }
    }
    if (!creds) {
      creds = await askCredentials(ctx, opts.username ?? '', password, stored?.username ?? '', isHub);
      daemonStarted = true;
      result = await authenticate(session, domain, creds);
      daemonStarted = false;
    }
    const toStore: Credentials = result?.identityToken ? { username: creds.username, password: '', identityToken: result.identityToken } : creds;
    const cfg = await readDockerConfig();
    const usesFile = !(credHelper(cfg, authKey(domain)) ?? credHelper(cfg, address) ?? credsStore(cfg));
    if (usesFile && toStore.password) {
      ctx.stderr.write(
        `WARNING! Your password will be stored unencrypted in ${cfg.path}.\n` +
          'Configure a credential helper to remove this warning. See\n' +
          'https://docs.docker.com/engine/reference/commandline/login/#credentials-store\n\n',
      );
    }
    try {
      await storeCredentials(domain, toStore, cfg);
    } catch (e) {
      throw new BerthError('FAILED_PRECONDITION', `Error saving credentials: ${(e as Error).message}`);
    }
    ctx.line('Login Succeeded');
  } catch (e) {
    return reportDaemonError(e, daemonStarted ? DAEMON_PREFIX : '', ctx.opts.debug);
  }
}

/** docker/cli ConfigureAuth: prompts for what the flags did not give, on a terminal only. */
async function askCredentials(ctx: Context, user: string, password: string, previous: string, isHub: boolean): Promise<Credentials> {
  if (!password && !process.stdin.isTTY) {
    throw new BerthError('INVALID_ARGUMENT', 'Error: Cannot perform an interactive login from a non TTY device');
  }
  let username = user.trim();
  if (!username) {
    if (isHub) {
      ctx.line(
        "Login with your Docker ID to push and pull images from Docker Hub. If you don't have a Docker ID, head over to https://hub.docker.com to create one.",
      );
    }
    username = (await readLine(previous ? `Username (${previous}): ` : 'Username: ')).trim() || previous;
  }
  if (!username) throw new BerthError('INVALID_ARGUMENT', 'Error: Non-null Username Required');
  if (!password) {
    password = await readLine('Password: ', { silent: true });
    if (!password) throw new BerthError('INVALID_ARGUMENT', 'Error: Password Required');
  }
  return { username, password };
}
