// ADD <url>: the file is downloaded into the staging area before the cache is probed (its content is part of the
// key); the name comes from the URL's last path segment (else Content-Disposition), mode 0600, mtime from Last-Modified
// (else the epoch), as Docker does.

import { createWriteStream } from 'node:fs';
import { lstat, utimes } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BerthError } from '../errors.js';
import { trustDeferredExtraCA } from '../sys/extra-ca.js';
import type { Staging } from '../lock/staging.js';
import type { SourceEntry } from './copy-sources.js';

export const isURL = (s: string): boolean => /^https?:\/\//i.test(s);

/** The file name Docker gives a download: the URL path's last segment, else Content-Disposition's filename. */
function downloadName(url: string, res: Response): string {
  const path = new URL(url).pathname;
  if (path && !path.endsWith('/')) return posix.basename(path);
  const cd = res.headers.get('content-disposition') ?? '';
  const m = /;\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;]+))/i.exec(cd);
  const given = m ? (m[1] ?? m[2]).replace(/\\(.)/g, '$1') : '';
  if (given && !given.endsWith('/')) return posix.basename(given);
  throw new BerthError('INVALID_ARGUMENT', `ADD failed: cannot determine filename for source ${url}`);
}

export async function download(url: string, staging: Staging): Promise<SourceEntry & { name: string }> {
  let res: Response;
  try {
    trustDeferredExtraCA();
    res = await fetch(url, { redirect: 'follow' });
  } catch (e) {
    const cause = (e as Error & { cause?: Error }).cause;
    throw new BerthError('UNAVAILABLE', `ADD failed: failed to GET ${url}: ${(cause ?? (e as Error)).message}`);
  }
  if (res.status >= 400 || !res.body) {
    const body = (await res.text().catch(() => '')).trim();
    throw new BerthError('UNAVAILABLE', `ADD failed: failed to GET ${url} with status ${res.status} ${res.statusText}: ${body}`);
  }
  const name = downloadName(url, res);
  const dir = await staging.subdir('url');
  const path = join(dir, name);
  await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), createWriteStream(path, { mode: 0o600 }));
  // Last-Modified when it parses, else the Unix epoch (Docker sets Go's zero time, which Chtimes maps to 0).
  const lm = res.headers.get('last-modified');
  const mtime = lm && !Number.isNaN(Date.parse(lm)) ? new Date(lm) : new Date(0);
  await utimes(path, mtime, mtime);
  return { rel: name, name, path, stat: await lstat(path) };
}
