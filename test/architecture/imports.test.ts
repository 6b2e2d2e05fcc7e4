// DESIGN.md §1: imports point down. Reads every module under src/ and fails on an import from a lower layer of the
// architecture into a higher one (type-only imports included: a type dependency is still a dependency).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve(import.meta.dirname, '../../src');

/** Each top-level folder (or root file) of src/ and its rank; a module may import only ranks ≤ its own. */
const RANK: Record<string, number> = {
  'errors.ts': 0,
  'version.ts': 0,
  digest: 1,
  oci: 1,
  reference: 1,
  lock: 1,
  sys: 1,
  format: 1,
  archive: 1,
  content: 2,
  layer: 2,
  snapshot: 2,
  store: 3,
  image: 3,
  transport: 3,
  container: 3,
  copy: 3,
  build: 3,
  cli: 4,
  api: 4,
  'index.ts': 4,
};

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files(p, out);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const area = (file: string) => relative(SRC, file).split('/')[0];

function rankOf(file: string): number {
  const a = area(file);
  const r = RANK[a];
  if (r === undefined) throw new Error(`src/${a} has no rank in the architecture test: add it to RANK (and DESIGN.md)`);
  return r;
}

const IMPORT_RE = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

test('every module under src/ imports only from its own rank or below', () => {
  const violations: string[] = [];
  for (const file of files(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2];
      const target = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
      if (!target.startsWith(SRC)) continue;
      if (area(target) === area(file)) continue;
      if (rankOf(target) > rankOf(file))
        violations.push(`${relative(SRC, file)} imports ${relative(SRC, target)} (rank ${rankOf(file)} → ${rankOf(target)})`);
    }
  }
  assert.deepEqual(violations, []);
});

test('the rule catches an upward import (the checker itself works)', () => {
  const fake = `import { x } from '../cli/main.js';`;
  const m = [...fake.matchAll(IMPORT_RE)];
  assert.equal(m.length, 1);
  assert.equal(rankOf(join(SRC, 'cli/main.ts')) > rankOf(join(SRC, 'layer/store.ts')), true);
});
