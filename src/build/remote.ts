// ADD <url>: the file is downloaded into the staging area before the cache is probed (its content is part of the
// key); the name comes from the URL's last path segment, mode 0600 and mtime from Last-Modified, as Docker does.

import { createWriteStream } from 'node:fs';
import { lstat, utimes } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BerthError } from '../errors.js';
import type { Staging } from '../lock/staging.js';
import type { SourceEntry } from './copy-sources.js';

export const isURL = (s: string): boolean => /^https?:\/\//i.test(s);

export async function download(url: string, staging: Staging): Promise<SourceEntry & { name: string }> {
  let res: Response;
  try {
    res = await fetch(url, { redirect: 'follow' });
  } catch (e) {
    throw new BerthError('UNAVAILABLE', `failed to GET ${url} with status: ${(e as Error).message}`);
  }
  if (!res.ok || !res.body) throw new BerthError('UNAVAILABLE', `failed to GET ${url} with status ${res.status} ${res.statusText}`);
  const name = posix.basename(new URL(url).pathname) || '__unnamed__';
  const dir = await staging.subdir('url');
  const path = join(dir, name);
  await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), createWriteStream(path, { mode: 0o600 }));
  const lm = res.headers.get('last-modified');
  if (lm && !Number.isNaN(Date.parse(lm))) await utimes(path, new Date(lm), new Date(lm));
  return { rel: name, name, path, stat: await lstat(path) };
}
