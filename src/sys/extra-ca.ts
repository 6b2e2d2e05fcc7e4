// NODE_EXTRA_CA_CERTS without its start-up cost: node parses that file (and its own root store) before any code
// runs, about 30 ms for a system bundle, so bin/berth hands the path over as DEFERRED_ENV instead. Every command
// restores the variable for child processes (adoptDeferredExtraCA); the code that makes TLS connections first adds
// the file's certificates where node would have (trustDeferredExtraCA): to every TLS context that gets the default
// root certificates (an explicit `ca` option replaces them, as it does in node). Commands without TLS never load
// node:tls for it (~3 ms).

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const DEFERRED_ENV = 'BERTH_DEFERRED_EXTRA_CA_CERTS';

interface NativeContext {
  addRootCerts(): void;
  addCACert(pem: string | Buffer): void;
}

/** The environment for a berth child process (the container monitor): its node is spared the file, as ours was. */
export function deferExtraCA(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const file = env.NODE_EXTRA_CA_CERTS;
  if (!file) return env;
  const out: NodeJS.ProcessEnv = { ...env, [DEFERRED_ENV]: file };
  delete out.NODE_EXTRA_CA_CERTS;
  return out;
}

/** The file adopted and not yet trusted. */
let pending: string | null = null;

/** Takes over the path bin/berth set aside, if it did, for trustDeferredExtraCA; a no-op otherwise. */
export function adoptDeferredExtraCA(env: NodeJS.ProcessEnv = process.env): void {
  const file = env[DEFERRED_ENV];
  if (file === undefined) return;
  delete env[DEFERRED_ENV];
  // Already set means node loaded it at start-up (berth was not started through bin/berth's sh line).
  if (env.NODE_EXTRA_CA_CERTS !== undefined || file === '') return;
  env.NODE_EXTRA_CA_CERTS = file;
  pending = file;
}

/** Trusts the adopted file's certificates in the TLS contexts made from now on; call before making connections. */
export function trustDeferredExtraCA(): void {
  const file = pending;
  if (file === null) return;
  pending = null;
  const tls = createRequire(import.meta.url)('node:tls') as typeof import('node:tls');
  const create = tls.createSecureContext;
  // The native context class is only reachable through a context: patch it when the first one is made.
  tls.createSecureContext = function createSecureContext(options) {
    tls.createSecureContext = create;
    patchRootCerts(Object.getPrototypeOf(create().context) as NativeContext, file);
    return create(options);
  };
}

function patchRootCerts(proto: NativeContext, file: string): void {
  const addRootCerts = proto.addRootCerts;
  let pem: Buffer | null | undefined;
  proto.addRootCerts = function (this: NativeContext) {
    addRootCerts.call(this);
    if (pem === undefined) pem = load(file);
    if (pem) this.addCACert(pem);
  };
}

function load(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch (e) {
    process.emitWarning(`Ignoring extra certs from \`${file}\`, load failed: ${(e as Error).message}`);
    return null;
  }
}
