// Registry failures in Docker's words: the error body of the Distribution API (`{"errors":[{code,message}]}`)
// rendered as distribution's errcode does (`manifest unknown: manifest unknown`), unexpected statuses, and network
// failures written as Go's net/http writes them (`Get "http://h/v2/": dial tcp h: connect: connection refused`).

import { BerthError, type ErrorCode } from '../../errors.js';
import type { Challenge } from './challenge.js';

export interface RegistryErrorEntry {
  code: string;
  message: string;
  detail?: unknown;
}

/** A registry answered with an error status. `errors` holds the API's error list when the body had one. */
export class RegistryError extends BerthError {
  constructor(
    readonly status: number,
    readonly errors: RegistryErrorEntry[],
    message: string,
  ) {
    super(codeFor(status, errors), message);
    this.name = 'RegistryError';
  }

  /** The first API error code (`MANIFEST_UNKNOWN`, `NAME_UNKNOWN`, `DENIED`…), if any. */
  get apiCode(): string | undefined {
    return this.errors[0]?.code;
  }
}

function codeFor(status: number, errors: RegistryErrorEntry[]): ErrorCode {
  const api = errors[0]?.code;
  if (api === 'DENIED') return 'DENIED';
  if (api === 'UNAUTHORIZED' || status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'DENIED';
  if (status === 404 || (api && api.endsWith('_UNKNOWN'))) return 'NOT_FOUND';
  if (status === 429 || status >= 500) return 'UNAVAILABLE';
  return 'FAILED_PRECONDITION';
}

/** errcode.Error.Error(): the code lower-cased with spaces, then the message. */
export function formatEntry(e: RegistryErrorEntry): string {
  const code = e.code.toLowerCase().replace(/_/g, ' ');
  return `${code}: ${e.message || code}`;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  409: 'Conflict', 413: 'Request Entity Too Large', 416: 'Requested Range Not Satisfiable', 429: 'Too Many Requests',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

export function statusLine(status: number): string {
  return `${status} ${STATUS_TEXT[status] ?? 'status code ' + status}`;
}

function parseEntries(body: string): RegistryErrorEntry[] | null {
  try {
    const data = JSON.parse(body) as { errors?: unknown };
    if (!Array.isArray(data?.errors) || data.errors.length === 0) return null;
    return data.errors
      .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
      .map((e) => ({
        code: typeof e.code === 'string' ? e.code : 'UNKNOWN',
        message: typeof e.message === 'string' ? e.message : '',
        detail: e.detail,
      }));
  } catch {
    return null;
  }
}

/**
 * distribution's HandleErrorResponse: a Bearer `error=` in the challenge first (RFC 6750 §3.1), then the error
 * list in the body; a 4xx without one is `error parsing HTTP 4xx response body`, a 5xx `received unexpected HTTP
 * status`.
 */
export function registryError(status: number, body: string, challenges: Challenge[] = []): RegistryError {
  if (status >= 400 && status < 500) {
    for (const c of challenges) {
      if (c.scheme !== 'bearer') continue;
      const code =
        c.params.error === 'invalid_token' ? 'UNAUTHORIZED' : c.params.error === 'insufficient_scope' ? 'DENIED' : '';
      if (!code) continue;
      const entry = { code, message: c.params.error_description || (code === 'DENIED' ? 'requested access to the resource is denied' : 'authentication required') };
      const rest = parseEntries(body) ?? [];
      const all = [entry, ...rest];
      return new RegistryError(status, all, all.length === 1 ? formatEntry(entry) : formatList(all));
    }
    const entries = parseEntries(body);
    if (entries) return new RegistryError(status, entries, entries.length === 1 ? formatEntry(entries[0]) : formatList(entries));
    if (status === 401) {
      return new RegistryError(status, [{ code: 'UNAUTHORIZED', message: 'authentication required' }], 'unauthorized: authentication required');
    }
    const text = body.length > 512 ? body.slice(0, 512) : body;
    return new RegistryError(status, [], `error parsing HTTP ${status} response body: ${parseFailure(body)}: ${JSON.stringify(text)}`);
  }
  return new RegistryError(status, [], `received unexpected HTTP status: ${statusLine(status)}`);
}

function formatList(entries: RegistryErrorEntry[]): string {
  return 'errors:\n' + entries.map((e) => formatEntry(e) + '\n').join('');
}

function parseFailure(body: string): string {
  if (body.trim() === '') return 'unexpected end of JSON input';
  try {
    JSON.parse(body);
    return 'no error details found in HTTP response body';
  } catch {
    return `invalid character ${JSON.stringify(body.trim()[0])} looking for beginning of value`;
  }
}

const ERRNO_TEXT: Record<string, string> = {
  ECONNREFUSED: 'connect: connection refused',
  ECONNRESET: 'read: connection reset by peer',
  EHOSTUNREACH: 'connect: no route to host',
  ENETUNREACH: 'connect: network is unreachable',
  ETIMEDOUT: 'i/o timeout',
  EPIPE: 'write: broken pipe',
};

const DIAL_ERRORS = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH']);

/** A transport failure as Go's url.Error prints it: `Get "url": dial tcp host:port: connect: connection refused`. */
export function networkError(method: string, url: URL, e: unknown): BerthError {
  const err = e as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  const code = err?.code ?? err?.cause?.code ?? '';
  const verb = method[0] + method.slice(1).toLowerCase();
  const hostPort = `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
  let what: string;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') what = `dial tcp: lookup ${url.hostname}: no such host`;
  else if (code === 'UND_ERR_CONNECT_TIMEOUT') what = `dial tcp ${hostPort}: i/o timeout`;
  else if (DIAL_ERRORS.has(code)) what = `dial tcp ${hostPort}: ${ERRNO_TEXT[code]}`;
  else if (ERRNO_TEXT[code]) what = ERRNO_TEXT[code];
  else if (code === 'UND_ERR_SOCKET') what = 'EOF';
  else if (/^ERR_SSL|^ERR_TLS|EPROTO|CERT|SELF_SIGNED/.test(code)) what = `tls: ${err.message}`;
  else what = err?.message ?? String(e);
  return new BerthError('UNAVAILABLE', `${verb} ${JSON.stringify(url.toString())}: ${what}`, { cause: e });
}
