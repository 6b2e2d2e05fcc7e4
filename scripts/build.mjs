// Builds the CLI bundle and the library (tsc). The CLI is one CommonJS file, dist/cli/berth.cjs, that bin/berth
// compiles with a V8 code cache kept beside it (node 20 has none for ES modules): loading all of berth that way
// takes less than importing the entry and one command's chunks did. undici and zod, which only registry commands
// use, and dockerfile-ast (with the language-server types it brings, a fifth of the bundle), which only `build`
// uses, are bundles of their own under dist/cli/vendor/, loaded (the same way) when first required: every other
// command reads and converts less source at start-up.
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url)));
const VENDOR = ['undici', 'zod', 'dockerfile-ast'];

/**
 * Modules that cost start-up time to load and that most commands never call: berth's imports of them become
 * functions that load the module on their first call. A name not listed fails the build ("No matching export"), so
 * nothing silently reaches the real module some other way.
 * - The native xattr addon (a few ms). On glibc x64 its binary package is required directly (1 ms instead of 2: the
 *   package's index guesses the libc by reading files and process reports first); anywhere else, or if that fails,
 *   through the index. Fixed arities, not rest/spread: getAttributeSync runs once per file of a layer tar.
 * - node:crypto (~2 ms), node:readline (~0.4 ms) and node:child_process (~3 ms with the net, dgram and stream
 *   modules it loads; commander requires it at load for executable subcommands, which berth has none of): a command
 *   that starts no process never loads it; node:fs/promises (~1.5 ms with the readline and stream parts it loads),
 *   which the start path of a container, among others, does without; node:module (~0.5 ms), whose createRequire for
 *   the bundle itself is the bundle's own require.
 */
const LAZY_MODULES = {
  '@napi-rs/xattr': {
    prelude: [
      'const direct = () => {',
      "  if (process.platform !== 'linux' || process.arch !== 'x64') return null;",
      "  try { return require('@napi-rs/xattr-linux-x64-gnu'); } catch { return null; }",
      '};',
    ],
    load: "direct() ?? require('@napi-rs/xattr')",
    exports: { getAttributeSync: 'path, name', listAttributesSync: 'path', removeAttributeSync: 'path, name', setAttributeSync: 'path, name, value' },
  },
  'node:crypto': { load: "require('node:crypto')", exports: { createHash: '...args', randomFillSync: '...args' } },
  'node:child_process': { load: "require('node:child_process')", exports: { spawn: '...args', spawnSync: '...args', execFileSync: '...args' } },
  'node:fs/promises': { load: "require('node:fs/promises')", exports: Object.fromEntries(['rm', 'readFile', 'stat', 'readdir', 'mkdir', 'rename', 'open', 'lstat', 'writeFile', 'readlink', 'chmod', 'appendFile', 'symlink', 'realpath', 'utimes', 'unlink', 'link', 'lchown', 'chown'].map((f) => [f, '...args'])) },
  'node:readline': { load: "require('node:readline')", exports: { createInterface: '...args' } },
  // node:tty loads net and the stream modules (~3 ms): only when a descriptor may be a terminal (sys/is-terminal.ts)
  'node:tty': { load: "require('node:tty')", exports: { isatty: 'fd' } },
  // node:net: only where a socket is made (its own module init ~1 ms), not by every module that names it
  'node:net': { load: "require('node:net')", exports: { connect: '...args', createServer: '...args', isIP: 'input' } },
  // node's `module` module brings parts of the ES module loader (~0.5 ms): in the CLI bundle, a require for the
  // bundle's own URL is the one bin/berth gave it; node:module serves any other.
  'node:module': {
    load: "require('node:module')",
    exports: { createRequire: 'url' },
    bodies: { createRequire: 'url === __berthModuleURL ? require : load().createRequire(url)' },
  },
};
const escapeRE = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const lazyModules = {
  name: 'lazy-modules',
  setup(b) {
    b.onResolve({ filter: /^@napi-rs\/xattr-linux-x64-gnu$/ }, (args) => ({ path: args.path, external: true }));
    const filter = new RegExp(`^(${Object.keys(LAZY_MODULES).map(escapeRE).join('|')})$`);
    b.onResolve({ filter }, (args) =>
      args.namespace === 'lazy-module' ? { path: args.path, external: true } : { path: args.path, namespace: 'lazy-module' },
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-module' }, (args) => {
      const m = LAZY_MODULES[args.path];
      return {
        contents: [
          ...(m.prelude ?? []),
          'let mod;',
          `const load = () => (mod ??= ${m.load});`,
          ...Object.entries(m.exports).map(([f, params]) => `export const ${f} = (${params}) => ${m.bodies?.[f] ?? `load().${f}(${params})`};`),
        ].join('\n'),
        loader: 'js',
      };
    });
  },
};

/** `import … from 'undici'` in berth's code becomes `require('./vendor/undici.cjs')`. */
const vendored = {
  name: 'vendored',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^(${VENDOR.join('|')})$`) }, (args) => ({ path: `./vendor/${args.path}.cjs`, external: true }));
  },
};

/**
 * What a parsed Dockerfile depends on (src/build/parsed-plans.ts keys kept plans with it): the sources that parse
 * and check it, and the parser library's version.
 */
function parserID() {
  const h = createHash('sha256');
  for (const f of ['dockerfile.ts', 'check-instructions.ts', 'parse-words.ts', 'go-quote.ts', 'instructions/healthcheck.ts']) {
    h.update(readFileSync(`src/build/${f}`)).update('\0');
  }
  h.update(`dockerfile-ast ${JSON.parse(readFileSync('node_modules/dockerfile-ast/package.json', 'utf8')).version}`);
  return h.digest('hex').slice(0, 32);
}

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // import() of node: built-ins becomes require(): the bundle runs as a vm.Script, which has no module loader.
  supported: { 'dynamic-import': false },
  logLevel: 'warning',
};

// What earlier builds left: the code-split ES module bundle.
rmSync('dist/cli/chunks', { recursive: true, force: true });
rmSync('dist/cli/berth.mjs', { force: true });

await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli/berth.cjs',
  plugins: [lazyModules, vendored],
  define: { BERTH_VERSION: JSON.stringify(pkg.version), BERTH_PARSER_ID: JSON.stringify(parserID()), 'import.meta.url': '__berthModuleURL' },
  // The directive first: esbuild's own "use strict" comes after the banner, where it is no directive, and the bundle
  // (the code of ES modules) would run in sloppy mode. Both on the first line: line numbers stay as esbuild made them.
  banner: { js: "'use strict'; const __berthModuleURL = require('node:url').pathToFileURL(__filename).href;" },
});
await build({ ...common, entryPoints: Object.fromEntries(VENDOR.map((p) => [p, p])), outdir: 'dist/cli/vendor', outExtension: { '.js': '.cjs' } });
// esbuild writes code in ASCII (its default charset) but keeps comments as they are: escaping what is left there
// makes each bundle ASCII-only, which bin/berth reads as a one-byte string without decoding UTF-8 (~1 ms). Each is
// written inside the function that bin/berth compiles it as (CommonJS's wrapper, on the first line: line numbers stay
// as esbuild made them), so that the file's text is the script's source as it is: wrapping it at run time made V8
// copy the whole megabyte into one string again before compiling (~1 ms of every start).
const WRAPPER = ['(function (exports, require, module, __filename, __dirname) {', '\n})'];
for (const file of ['dist/cli/berth.cjs', ...VENDOR.map((p) => `dist/cli/vendor/${p}.cjs`)]) {
  const text = readFileSync(file, 'utf8');
  // eslint-disable-next-line no-control-regex
  const ascii = /[^\x00-\x7f]/.test(text) ? text.replace(/[^\x00-\x7f]/gu, (c) => `\\u{${c.codePointAt(0).toString(16)}}`) : text;
  writeFileSync(file, `${WRAPPER[0]}${ascii}${WRAPPER[1]}`);
}
// The code cache, written by training runs of the common commands (bin/berth keeps it valid for the bundle and node).
for (const f of readdirSync('dist/cli')) if (/^berth\.cjs\.([a-z]+\.)?cache(\.ok)?$/.test(f)) rmSync(`dist/cli/${f}`, { force: true });
try {
  execFileSync(process.execPath, ['scripts/train-code-cache.mjs'], { stdio: 'inherit' });
} catch (e) {
  // Without trained caches bin/berth writes the bundle's cache on its first run: slower starts, nothing broken.
  console.error(`build: code-cache training failed (${e.message.split('\n')[0]}); continuing`);
}
if (!process.argv.includes('--cli-only')) execFileSync('npx', ['tsc', '-p', '.'], { stdio: 'inherit' });
