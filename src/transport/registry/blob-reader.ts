// Reads a blob from a registry as a stream of chunks that survives dropped connections: when a response breaks
// off, the next request asks for the rest with `Range: bytes=<received>-` (206 expected; a 200 is read past what
// was already delivered). Never yields more than the blob's size; gives up after `attempts` tries.

import { setTimeout as sleep } from 'node:timers/promises';
import { BerthError } from '../../errors.js';
import type { Descriptor } from '../../oci/types.js';
import { repoScope, type RegistryClient } from './client.js';
import { RegistryError } from './errors.js';
import { header, type HttpResponse } from './http.js';

export interface BlobReadOptions {
  /** Byte to start at (a resumed copy). */
  start?: number;
  /** Tries in all, the first included. */
  attempts?: number;
  signal?: AbortSignal;
  /** Told about each retry: what went wrong and the offset the next request starts at. */
  onRetry?: (err: unknown, offset: number) => void;
}

const BACKOFF_MS = [0, 250, 1000, 2000, 4000];

/** Errors worth another request: the transport broke, or the server had a passing problem. */
function retryable(e: unknown): boolean {
  if (e instanceof RegistryError) return e.status >= 500 || e.status === 429 || e.status === 408;
  if (e instanceof BerthError) return e.code === 'UNAVAILABLE';
  const code = (e as NodeJS.ErrnoException)?.code ?? '';
  return /^(UND_ERR_|ECONNRESET|EPIPE|ETIMEDOUT|ECONNREFUSED|ECONNABORTED)/.test(code) || (e as Error)?.name === 'ShortRead';
}

class ShortRead extends Error {
  override name = 'ShortRead';
}

async function open(client: RegistryClient, repo: string, desc: Descriptor, offset: number): Promise<{ res: HttpResponse; skip: number }> {
  const headers: Record<string, string> = {};
  if (offset > 0) headers.range = `bytes=${offset}-`;
  const res = await client.request('GET', `/v2/${repo}/blobs/${desc.digest}`, { scopes: [repoScope(repo, 'pull')], headers, follow: true });
  if (res.status === 206 && offset > 0) {
    const m = /^bytes (\d+)-/.exec(header(res.headers, 'content-range') ?? '');
    if (!m || Number(m[1]) !== offset) {
      await res.body.dump();
      throw new BerthError('FAILED_PRECONDITION', `blob ${desc.digest}: the registry answered a range request with ${header(res.headers, 'content-range') ?? 'no Content-Range'}`);
    }
    return { res, skip: 0 };
  }
  if (res.status === 200) return { res, skip: offset };
  throw await client.failure(res);
}

/** The blob's bytes from `start` to its end, in order, each byte once. */
export async function* readBlob(client: RegistryClient, repo: string, desc: Descriptor, opts: BlobReadOptions = {}): AsyncGenerator<Buffer> {
  const attempts = opts.attempts ?? 5;
  let offset = opts.start ?? 0;
  for (let attempt = 1; ; attempt++) {
    let res: HttpResponse | null = null;
    try {
      const opened = await open(client, repo, desc, offset);
      res = opened.res;
      let skip = opened.skip;
      for await (const raw of res.body) {
        let chunk = raw as Buffer;
        if (skip > 0) {
          if (chunk.length <= skip) {
            skip -= chunk.length;
            continue;
          }
          chunk = chunk.subarray(skip);
          skip = 0;
        }
        if (offset + chunk.length > desc.size) {
          throw new BerthError('DATA_LOSS', `blob ${desc.digest}: the registry sent more than the ${desc.size} bytes the manifest gives`);
        }
        offset += chunk.length;
        yield chunk;
      }
      if (offset < desc.size) throw new ShortRead(`blob ${desc.digest}: unexpected EOF after ${offset} of ${desc.size} bytes`);
      return;
    } catch (e) {
      if (!retryable(e) || attempt >= attempts || opts.signal?.aborted) {
        if (e instanceof ShortRead) throw new BerthError('UNAVAILABLE', e.message);
        throw e;
      }
      opts.onRetry?.(e, offset);
      await sleep(BACKOFF_MS[Math.min(attempt - 1, BACKOFF_MS.length - 1)], undefined, { signal: opts.signal });
    } finally {
      // A consumer that stops early, or a broken response: either way this response is done.
      if (res && !res.body.destroyed) res.body.destroy();
    }
  }
}
