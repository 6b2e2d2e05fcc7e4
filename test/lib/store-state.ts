// Assertions about a berth store's state that the image-store integration tests share: empty of images, layers and
// blobs after a refused or rolled-back load, consistent per `system check`, and a canary tree left untouched.

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, writeFileSync, lstatSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { TestStore, RunResult } from './berth.js';

const ls = (p: string): string[] => (existsSync(p) ? readdirSync(p).sort() : []);

/** `system check` exits 0 and says OK. */
export async function assertCheckOK(store: TestStore, verify = false): Promise<void> {
  const r = await store.run(['system', 'check', ...(verify ? ['--verify'] : [])]);
  assert.equal(r.code, 0, `system check failed:\n${r.stdout}${r.stderr}`);
  assert.match(r.stdout, /: OK \(/);
}

/** No image, layer, blob, staging area or unfinished commit is left in the store. */
export async function assertStoreEmpty(store: TestStore): Promise<void> {
  assert.equal((await store.ok(['images', '-qa'])).trim(), '', 'images -qa lists images');
  await assertCheckOK(store);
  const root = store.root;
  assert.deepEqual(ls(join(root, 'blobs/sha256')), [], 'blobs left in the store');
  assert.deepEqual(ls(join(root, 'layers')), [], 'layer records left in the store');
  assert.deepEqual(ls(join(root, 'images')), [], 'image records left in the store');
  assert.deepEqual(ls(join(root, 'overlay')).filter((n) => n !== 'l'), [], 'layer directories left in the store');
  assert.deepEqual(ls(join(root, 'overlay/l')), [], 'short links left in the store');
  assert.deepEqual(ls(join(root, 'staging')), [], 'staging areas left in the store');
  assert.ok(!existsSync(join(root, 'commit-in-progress')), 'commit marker left in the store');
}

/** A failed command: exit 1, exactly one `Error: …` (or `Error response from daemon: …`) line matching `pattern` on stderr, no stack trace. */
export function assertOneLineError(r: RunResult, pattern: RegExp): void {
  assert.equal(r.code, 1, `expected exit 1, got ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  const lines = r.stderr.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, `expected one line on stderr, got:\n${r.stderr}`);
  assert.match(lines[0], /^(Error|Error response from daemon): /);
  assert.doesNotMatch(r.stderr, /\n\s+at |internal error/);
  assert.match(lines[0], pattern);
}

/** A directory with a few files that hostile archives aim at; snapshot() lists everything under it. */
export class Canary {
  constructor(readonly dir: string) {
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'keep'), 'keep\n');
    writeFileSync(join(dir, 'sub/keep'), 'keep\n');
  }

  snapshot(): string[] {
    const out: string[] = [];
    const walk = (d: string) => {
      for (const n of readdirSync(d).sort()) {
        const p = join(d, n);
        const st = lstatSync(p);
        out.push(`${relative(this.dir, p)} ${st.mode.toString(8)} ${st.size} ${st.mtimeMs}`);
        if (st.isDirectory()) walk(p);
      }
    };
    walk(this.dir);
    return out;
  }
}
