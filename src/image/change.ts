// `--change` instructions (import, commit): the Dockerfile instructions that only edit an image's config
// (CMD, ENTRYPOINT, ENV, EXPOSE, HEALTHCHECK, LABEL, ONBUILD, USER, VOLUME, WORKDIR), applied to a config object.

import { BerthError } from '../errors.js';
import { parseHealthcheck } from '../build/instructions/healthcheck.js';

type Obj = Record<string, unknown>;

/** Docker 20.10's list (its daemon refuses STOPSIGNAL, for one). */
const ALLOWED = ['CMD', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'HEALTHCHECK', 'LABEL', 'ONBUILD', 'USER', 'VOLUME', 'WORKDIR'];

/** JSON array form if the text is one, else null. */
function jsonForm(text: string): string[] | null {
  if (!text.startsWith('[')) return null;
  try {
    const v = JSON.parse(text);
    return Array.isArray(v) && v.every((s) => typeof s === 'string') ? v : null;
  } catch {
    return null;
  }
}

function unquote(s: string): string {
  if (s.length >= 2 && ((s[0] === '"' && s.endsWith('"')) || (s[0] === "'" && s.endsWith("'")))) {
    const inner = s.slice(1, -1);
    return s[0] === '"' ? inner.replace(/\\(.)/g, '$1') : inner;
  }
  return s.replace(/\\(.)/g, '$1');
}

/** Splits `a=b "c d"=e` into words, respecting quotes and backslashes. */
function words(text: string): string[] {
  const out: string[] = [];
  const re = /(?:[^\s"'\\]|\\.|"(?:[^"\\]|\\.)*"|'[^']*')+/g;
  for (const m of text.matchAll(re)) out.push(m[0]);
  return out;
}

/** KEY=VALUE pairs (or the legacy `KEY value` form when there is no `=` in the first word). */
function pairs(instr: string, text: string): [string, string][] {
  const ws = words(text);
  if (ws.length === 0) throw new BerthError('INVALID_ARGUMENT', `${instr} requires at least one argument`);
  if (!ws[0].includes('=')) {
    const sp = text.search(/\s/);
    if (sp < 0) throw new BerthError('INVALID_ARGUMENT', `${instr} must have two arguments`);
    return [[text.slice(0, sp), text.slice(sp).trim()]];
  }
  return ws.map((w) => {
    const i = w.indexOf('=');
    if (i <= 0) throw new BerthError('INVALID_ARGUMENT', `Syntax error - can't find = in "${w}". Must be of the form: name=value`);
    return [unquote(w.slice(0, i)), unquote(w.slice(i + 1))];
  });
}

/** Applies one instruction to `config` (the image config's `config` object, Docker's container.Config). */
export function applyChange(config: Obj, change: string, shell: string[] = ['/bin/sh', '-c']): void {
  const m = /^\s*(\w+)\s*([\s\S]*)$/.exec(change);
  if (!m) throw new BerthError('INVALID_ARGUMENT', `invalid change: ${JSON.stringify(change)}`);
  const instr = m[1].toUpperCase();
  const text = m[2].trim();
  if (!ALLOWED.includes(instr)) throw new BerthError('INVALID_ARGUMENT', `${m[1].toLowerCase()} is not a valid change command`);
  const cmdLike = () => jsonForm(text) ?? [...shell, text];
  switch (instr) {
    case 'CMD':
      config.Cmd = cmdLike();
      break;
    case 'ENTRYPOINT':
      config.Entrypoint = text === '' ? null : cmdLike();
      break;
    case 'HEALTHCHECK':
      // the Dockerfile instruction's own parser (a build module of the same rank; it imports nothing of image/)
      config.Healthcheck = parseHealthcheck(text);
      break;
    case 'ENV': {
      const env = [...((config.Env as string[] | null) ?? [])];
      for (const [k, v] of pairs('ENV', text)) {
        const i = env.findIndex((e) => e.split('=')[0] === k);
        if (i >= 0) env[i] = `${k}=${v}`;
        else env.push(`${k}=${v}`);
      }
      config.Env = env;
      break;
    }
    case 'LABEL': {
      const labels = { ...((config.Labels as Obj | null) ?? {}) };
      for (const [k, v] of pairs('LABEL', text)) labels[k] = v;
      config.Labels = labels;
      break;
    }
    case 'EXPOSE': {
      const ports = { ...((config.ExposedPorts as Obj | null) ?? {}) };
      for (const p of words(text)) ports[p.includes('/') ? p.toLowerCase() : `${p}/tcp`] = {};
      config.ExposedPorts = ports;
      break;
    }
    case 'VOLUME': {
      const vols = { ...((config.Volumes as Obj | null) ?? {}) };
      for (const v of jsonForm(text) ?? words(text)) vols[v] = {};
      config.Volumes = vols;
      break;
    }
    case 'ONBUILD':
      config.OnBuild = [...((config.OnBuild as string[] | null) ?? []), text];
      break;
    case 'USER':
      config.User = text;
      break;
    case 'WORKDIR':
      config.WorkingDir = text.startsWith('/') ? text : `${(config.WorkingDir as string) || '/'}/${text}`.replace(/\/+/g, '/');
      break;
  }
}
