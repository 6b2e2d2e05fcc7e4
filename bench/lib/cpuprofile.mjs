// Reads a V8 .cpuprofile (node --cpu-prof) and says where the main thread's time went: self and total
// time per function, self time per source file. Functions in berth's esbuild bundle are traced back to
// their src/ file by the `// src/…` marker comments esbuild writes above each module's code; time in
// node's own code is also charged to the nearest berth function that called it.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const SPECIAL = new Set(['(root)', '(program)', '(idle)', '(garbage collector)']);

/** For a bundle file: a function from a 1-based line number to the src/ module it came from. */
async function moduleMap(url) {
  let text;
  try {
    text = await readFile(fileURLToPath(url), 'utf8');
  } catch {
    return () => null;
  }
  const marks = [];
  text.split('\n').forEach((line, i) => {
    const m = /^\/\/ ((?:src|node_modules)\/\S+)$/.exec(line);
    if (m) marks.push([i + 1, m[1].replace(/^node_modules\/(\.pnpm\/)?/, 'npm:')]);
  });
  return (line) => {
    let found = null;
    for (const [at, file] of marks) {
      if (at > line) break;
      found = file;
    }
    return found;
  };
}

/**
 * @param {string} path a .cpuprofile file
 * @returns {Promise<{ totalMs: number, idleMs: number, gcMs: number, programMs: number,
 *   self: Array<{ fn: string, where: string, via: string | null, ms: number }>,
 *   total: Array<{ fn: string, where: string, via: string | null, ms: number }>,
 *   files: Array<{ file: string, ms: number }> }>}
 */
export async function analyze(path) {
  const prof = JSON.parse(await readFile(path, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const maps = new Map();
  for (const n of prof.nodes) {
    const url = n.callFrame.url;
    if (url.startsWith('file:') && url.endsWith('.mjs') && !maps.has(url)) maps.set(url, await moduleMap(url));
  }
  const describe = new Map();
  for (const n of prof.nodes) {
    const { functionName, url, lineNumber } = n.callFrame;
    const fn = functionName || '(anonymous)';
    let file;
    if (SPECIAL.has(fn)) file = '';
    else if (!url) file = '(native)';
    else if (maps.has(url)) file = maps.get(url)(lineNumber + 1) ?? url.replace(/^.*\/(dist\/)/, '$1');
    else file = url.replace(/^file:\/\/.*\/node_modules\//, 'npm:');
    // same-named functions of one file count as one: the report names them by function and file only
    const key = `${fn}\u0000${file}`;
    describe.set(n.id, { key, fn, file });
  }

  const stamps = [];
  let t = prof.startTime;
  for (const d of prof.timeDeltas) stamps.push((t += d));
  const self = new Map();
  const total = new Map();
  const files = new Map();
  const via = new Map(); // for functions outside src/: which berth function called them, weighted by time
  let totalUs = 0;
  const add = (m, k, v) => m.set(k, (m.get(k) ?? 0) + v);
  prof.samples.forEach((id, i) => {
    const us = Math.max(0, (i + 1 < stamps.length ? stamps[i + 1] : prof.endTime) - stamps[i]);
    totalUs += us;
    const d = describe.get(id);
    add(self, d.key, us);
    add(files, d.file || d.fn, us);
    const seen = new Set();
    let caller = null;
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const up = describe.get(n);
      if (!seen.has(up.key)) { seen.add(up.key); add(total, up.key, us); }
      if (!caller && n !== id && up.file.startsWith('src/')) caller = `${up.fn} (${up.file})`;
    }
    if (caller && !d.file.startsWith('src/')) {
      if (!via.has(d.key)) via.set(d.key, new Map());
      add(via.get(d.key), caller, us);
    }
  });
  const mainCaller = (key) => {
    const m = via.get(key);
    return m ? [...m.entries()].sort((a, b) => b[1] - a[1])[0][0] : null;
  };
  const rows = (m) => [...m.entries()]
    .map(([key, us]) => { const [fn, where] = key.split('\u0000'); return { fn, where, via: mainCaller(key), ms: us / 1000 }; })
    .sort((a, b) => b.ms - a.ms);
  const special = (name) => (self.get(`${name}\u0000`) ?? 0) / 1000;
  return {
    totalMs: totalUs / 1000,
    idleMs: special('(idle)'),
    gcMs: special('(garbage collector)'),
    programMs: special('(program)'),
    self: rows(self).filter((r) => !SPECIAL.has(r.fn)),
    total: rows(total).filter((r) => !SPECIAL.has(r.fn)),
    files: [...files.entries()].map(([file, us]) => ({ file, ms: us / 1000 })).filter((r) => !SPECIAL.has(r.file)).sort((a, b) => b.ms - a.ms),
  };
}
