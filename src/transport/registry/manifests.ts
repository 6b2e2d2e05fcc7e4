// Manifest requests (distribution `docs/spec/api.md` "Pulling an Image Manifest", "Pushing an Image Manifest"):
// HEAD and GET with the Accept list of the media types berth reads, PUT with the manifest's own media type. Bytes
// are kept exactly as served, their digest checked against what was asked for or what the registry says.

import { BerthError } from '../../errors.js';
import { isDigest, sha256, type Digest } from '../../digest/digest.js';
import { baseMediaType, MANIFEST_ACCEPT } from '../../oci/media-types.js';
import { MAX_JSON_BYTES } from '../../oci/validate.js';
import { readBytes } from './auth.js';
import { repoScope, type RegistryClient } from './client.js';
import { header } from './http.js';

export interface FetchedManifest {
  bytes: Buffer;
  mediaType: string;
  digest: Digest;
}

const ACCEPT = MANIFEST_ACCEPT.join(', ');

function manifestPath(repo: string, ref: string): string {
  return `/v2/${repo}/manifests/${ref}`;
}

/** The digest and type a tag points at, or null when the registry does not say (then GET it, for its own words). */
export async function headManifest(client: RegistryClient, repo: string, ref: string): Promise<{ digest: Digest; mediaType: string } | null> {
  const res = await client.request('HEAD', manifestPath(repo, ref), { scopes: [repoScope(repo, 'pull')], headers: { accept: ACCEPT } });
  await res.body.dump();
  if (res.status !== 200) return null;
  const digest = header(res.headers, 'docker-content-digest');
  const mediaType = header(res.headers, 'content-type');
  if (!digest || !isDigest(digest) || !mediaType) return null;
  return { digest, mediaType: baseMediaType(mediaType) };
}

export async function getManifest(client: RegistryClient, repo: string, ref: string): Promise<FetchedManifest> {
  const res = await client.request('GET', manifestPath(repo, ref), { scopes: [repoScope(repo, 'pull')], headers: { accept: ACCEPT } });
  if (res.status !== 200) throw await client.failure(res);
  const declared = Number(header(res.headers, 'content-length'));
  if (Number.isFinite(declared) && declared > MAX_JSON_BYTES) {
    await res.body.dump();
    throw new BerthError('FAILED_PRECONDITION', `manifest ${ref} is ${declared} bytes, more than the limit of ${MAX_JSON_BYTES}`);
  }
  const raw = await readBytes(res.body, MAX_JSON_BYTES);
  const digest = sha256(raw);
  if (isDigest(ref) && digest !== ref) {
    throw new BerthError('DATA_LOSS', `manifest verification failed for digest ${ref}`);
  }
  const said = header(res.headers, 'docker-content-digest');
  if (!isDigest(ref) && said && isDigest(said) && said !== digest) {
    throw new BerthError('DATA_LOSS', `manifest verification failed for digest ${said}`);
  }
  const mediaType = baseMediaType(header(res.headers, 'content-type') ?? '');
  return { bytes: raw, mediaType, digest };
}

/** PUT a manifest under a tag or its digest; returns its digest. */
export async function putManifest(client: RegistryClient, repo: string, ref: string, bytes: Uint8Array, mediaType: string): Promise<Digest> {
  const res = await client.request('PUT', manifestPath(repo, ref), {
    scopes: [repoScope(repo, 'pull,push')],
    headers: { 'content-type': mediaType },
    body: Buffer.from(bytes),
  });
  if (res.status !== 201 && res.status !== 200 && res.status !== 202) throw await client.failure(res);
  await res.body.dump();
  const digest = sha256(bytes);
  const said = header(res.headers, 'docker-content-digest');
  if (said && isDigest(said) && said !== digest) {
    throw new BerthError('DATA_LOSS', `the registry stored manifest ${said}, expected ${digest}`);
  }
  return digest;
}
