// Blob uploads (distribution `docs/spec/api.md` "Pushing An Image"): HEAD to see whether the repository has a
// blob, cross-repository mount (`POST ?mount=&from=`: 201 mounted, 202 an upload session instead), and uploads,
// either monolithic (POST, then PUT with the whole body and the digest) or streamed/chunked (PATCH with
// Content-Range per chunk, then PUT ?digest=). Each step uses the newest Location the registry gave.

import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { BerthError } from '../../errors.js';
import { isDigest, type Digest } from '../../digest/digest.js';
import { repoScope, type RegistryClient } from './client.js';
import { header, type HttpResponse } from './http.js';

const pushScopes = (repo: string) => [repoScope(repo, 'pull,push')];

/** The blob's size if the repository has it, else null. */
export async function headBlob(client: RegistryClient, repo: string, digest: Digest): Promise<number | null> {
  const res = await client.request('HEAD', `/v2/${repo}/blobs/${digest}`, { scopes: pushScopes(repo), follow: true });
  await res.body.dump();
  if (res.status === 200) {
    const n = Number(header(res.headers, 'content-length'));
    return Number.isFinite(n) ? n : 0;
  }
  if (res.status === 404) return null;
  throw await client.failure(res);
}

function location(res: HttpResponse, base: URL): URL {
  const loc = header(res.headers, 'location');
  if (!loc) throw new BerthError('FAILED_PRECONDITION', `the registry gave no upload location (status ${res.status})`);
  return new URL(loc, base);
}

/** Starts an upload session; returns its Location. */
export async function startUpload(client: RegistryClient, repo: string): Promise<URL> {
  const url = client.url(`/v2/${repo}/blobs/uploads/`);
  const res = await client.request('POST', url, { scopes: pushScopes(repo), headers: { 'content-length': '0' } });
  if (res.status !== 202) throw await client.failure(res);
  await res.body.dump();
  return location(res, url);
}

/** Mounts `digest` from repository `from` of the same registry; if refused, the upload session it opened instead. */
export async function mountBlob(client: RegistryClient, repo: string, digest: Digest, from: string): Promise<{ mounted: true } | { mounted: false; upload: URL }> {
  const url = client.url(`/v2/${repo}/blobs/uploads/`);
  url.searchParams.set('mount', digest);
  url.searchParams.set('from', from);
  const res = await client.request('POST', url, {
    scopes: [...pushScopes(repo), repoScope(from, 'pull')],
    headers: { 'content-length': '0' },
  });
  if (res.status === 201) {
    await res.body.dump();
    return { mounted: true };
  }
  if (res.status === 202) {
    await res.body.dump();
    return { mounted: false, upload: location(res, url) };
  }
  throw await client.failure(res);
}

function withDigest(loc: URL, digest: Digest): URL {
  const u = new URL(loc);
  u.searchParams.set('digest', digest);
  return u;
}

async function finish(client: RegistryClient, repo: string, res: HttpResponse, digest: Digest): Promise<Digest> {
  if (res.status !== 201 && res.status !== 204 && res.status !== 200) throw await client.failure(res);
  await res.body.dump();
  const said = header(res.headers, 'docker-content-digest');
  if (said && isDigest(said) && said !== digest) {
    throw new BerthError('DATA_LOSS', `the registry stored blob ${said} in ${repo}, expected ${digest}`);
  }
  return digest;
}

/** Monolithic upload of a blob whose digest and size are known: one PUT with the whole body. */
export async function putBlobMonolithic(
  client: RegistryClient,
  repo: string,
  session: URL,
  digest: Digest,
  size: number,
  body: Readable,
): Promise<Digest> {
  const res = await client.request('PUT', withDigest(session, digest), {
    scopes: pushScopes(repo),
    headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
    body,
  });
  return finish(client, repo, res, digest);
}

/**
 * Streamed upload of a blob whose digest is learnt on the way (compressed as it is sent): PATCH requests of at
 * most `chunkSize` bytes (one PATCH for the whole stream when it is not given), then PUT ?digest=.
 */
export async function putBlobChunked(
  client: RegistryClient,
  repo: string,
  session: URL,
  body: AsyncIterable<Buffer>,
  opts: { chunkSize?: number; expected?: Digest } = {},
): Promise<{ digest: Digest; size: number }> {
  const hasher = createHash('sha256');
  let loc = session;
  let sent = 0;
  const scopes = pushScopes(repo);
  const patch = async (data: Readable, length?: number) => {
    const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
    if (length !== undefined) {
      headers['content-length'] = String(length);
      headers['content-range'] = `${sent}-${sent + length - 1}`;
    }
    const res = await client.request('PATCH', loc, { scopes, headers, body: data });
    if (res.status !== 202 && res.status !== 204) throw await client.failure(res);
    await res.body.dump();
    loc = location(res, loc);
  };
  const hashed = async function* () {
    for await (const c of body) {
      hasher.update(c);
      yield c;
    }
  };
  if (!opts.chunkSize) {
    let n = 0;
    const counted = async function* () {
      for await (const c of hashed()) {
        n += c.length;
        yield c;
      }
    };
    await patch(Readable.from(counted(), { objectMode: false }));
    sent = n;
  } else {
    let pending: Buffer[] = [];
    let pendingSize = 0;
    const flush = async () => {
      if (pendingSize === 0) return;
      const data = Buffer.concat(pending, pendingSize);
      pending = [];
      pendingSize = 0;
      await patch(Readable.from([data]), data.length);
      sent += data.length;
    };
    for await (const c of hashed()) {
      let rest = c;
      while (rest.length > 0) {
        const take = Math.min(rest.length, opts.chunkSize - pendingSize);
        pending.push(rest.subarray(0, take));
        pendingSize += take;
        rest = rest.subarray(take);
        if (pendingSize >= opts.chunkSize) await flush();
      }
    }
    await flush();
  }
  const digest: Digest = `sha256:${hasher.digest('hex')}`;
  if (opts.expected && digest !== opts.expected) {
    throw new BerthError('DATA_LOSS', `blob digest mismatch: expected ${opts.expected}, got ${digest}`);
  }
  const res = await client.request('PUT', withDigest(loc, digest), { scopes, headers: { 'content-length': '0' } });
  await finish(client, repo, res, digest);
  return { digest, size: sent };
}
