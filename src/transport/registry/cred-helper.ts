// Docker credential helpers (docker-credential-<name>, github.com/docker/docker-credential-helpers): `get` and
// `erase` take the server URL on stdin, `store` takes {"ServerURL","Username","Secret"}; `get` answers with the
// same JSON, or fails with "credentials not found in native keychain".

import { spawn } from 'node:child_process';
import { BerthError } from '../../errors.js';

export interface HelperCredentials {
  ServerURL?: string;
  Username: string;
  Secret: string;
}

const NOT_FOUND = 'credentials not found in native keychain';

function runHelper(helper: string, action: 'get' | 'store' | 'erase', input: string): Promise<{ code: number; out: string }> {
  const program = `docker-credential-${helper}`;
  return new Promise((resolve, reject) => {
    const child = spawn(program, [action], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (s: string) => {
      if (out.length < 1 << 20) out += s;
    });
    child.stderr.on('data', (s: string) => {
      if (out.length < 1 << 20) out += s;
    });
    child.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new BerthError(
          'FAILED_PRECONDITION',
          e.code === 'ENOENT' ? `exec: "${program}": executable file not found in $PATH` : `${program}: ${e.message}`,
        ),
      ),
    );
    child.once('close', (code) => resolve({ code: code ?? 1, out: out.trim() }));
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

/** The helper's credentials for `serverURL`, or null when it has none. */
export async function helperGet(helper: string, serverURL: string): Promise<HelperCredentials | null> {
  const r = await runHelper(helper, 'get', serverURL);
  if (r.code !== 0) {
    if (r.out.includes(NOT_FOUND)) return null;
    throw new BerthError('FAILED_PRECONDITION', `error getting credentials - err: exit status ${r.code}, out: \`${r.out}\``);
  }
  let data: unknown;
  try {
    data = JSON.parse(r.out);
  } catch {
    throw new BerthError('FAILED_PRECONDITION', `error getting credentials - err: invalid helper output, out: \`${r.out}\``);
  }
  const d = data as Partial<HelperCredentials>;
  if (typeof d.Username !== 'string' || typeof d.Secret !== 'string') return null;
  return { ServerURL: d.ServerURL, Username: d.Username, Secret: d.Secret };
}

export async function helperStore(helper: string, creds: HelperCredentials): Promise<void> {
  const r = await runHelper(helper, 'store', JSON.stringify(creds));
  if (r.code !== 0) throw new BerthError('FAILED_PRECONDITION', `error storing credentials - err: exit status ${r.code}, out: \`${r.out}\``);
}

export async function helperErase(helper: string, serverURL: string): Promise<void> {
  const r = await runHelper(helper, 'erase', serverURL);
  if (r.code !== 0 && !r.out.includes(NOT_FOUND)) {
    throw new BerthError('FAILED_PRECONDITION', `error erasing credentials - err: exit status ${r.code}, out: \`${r.out}\``);
  }
}
