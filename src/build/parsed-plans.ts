// Dockerfiles parsed before, kept in <root>/builder/parsed/<key>.json: a rebuild skips loading and running the parser
// (dockerfile-ast, ~2 ms of a ~30 ms cached rebuild). The file holds what the plan was made from — the parser's
// identity (stamped by the bundle build), the file's name and its text — and is used only when all three are the
// same; the key naming it is a cheap non-cryptographic one (digest/short-key.ts: loading node:crypto would cost a
// cached rebuild ~1.7 ms), so a collision is only a miss. Written by rename without a sync: a lost or damaged plan is
// only a miss too.

import { readFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { shortKey } from '../digest/short-key.js';
import type { ParsedDockerfile } from './dockerfile.js';

/** The parsing sources' and dockerfile-ast's identity (scripts/build.mjs); unbundled (tests under tsx), none: no plan is kept. */
declare const BERTH_PARSER_ID: string | undefined;
const PARSER_ID = typeof BERTH_PARSER_ID === 'string' ? BERTH_PARSER_ID : null;

/** Kept plans beyond this many are all dropped at the next write (a store building many Dockerfiles). */
const MAX_KEPT = 500;

export function parsedPlansDir(root: string): string {
  return join(root, 'builder', 'parsed');
}

const isPlan = (v: unknown): v is ParsedDockerfile => {
  const p = v as ParsedDockerfile | null;
  return !!p && typeof p.escape === 'string' && Array.isArray(p.metaArgs) && Array.isArray(p.stages) && Array.isArray(p.notes);
};

/** Synchronous: a small file, read at the start of every build (a thread-pool round trip costs more). */
function readPlan(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

interface KeptPlan {
  parser: string;
  filename: string;
  text: string;
  plan: ParsedDockerfile;
}

/** parseDockerfile(text, filename), from the kept plan when there is one made from the same. */
export async function parseDockerfileKept(root: string, text: string, filename: string): Promise<ParsedDockerfile> {
  const dir = parsedPlansDir(root);
  const path = PARSER_ID ? join(dir, `${shortKey(`${PARSER_ID}\0${filename}\0${text}`)}.json`) : null;
  if (path) {
    const kept = readPlan(path) as Partial<KeptPlan> | null;
    if (kept && kept.parser === PARSER_ID && kept.filename === filename && kept.text === text && isPlan(kept.plan)) return kept.plan;
  }
  const { parseDockerfile } = await import('./dockerfile.js');
  const plan = parseDockerfile(text, filename);
  if (path) await keep(dir, path, { parser: PARSER_ID!, filename, text, plan }).catch(() => {});
  return plan;
}

async function keep(dir: string, path: string, kept: KeptPlan): Promise<void> {
  await mkdir(dir, { recursive: true });
  const names = await readdir(dir);
  if (names.length >= MAX_KEPT) for (const n of names) await rm(join(dir, n), { force: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(kept));
  await rename(tmp, path).catch(() => rm(tmp, { force: true }));
}
