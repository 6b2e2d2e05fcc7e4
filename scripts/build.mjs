// Builds the CLI bundle (esbuild, code-split so each command loads only what it needs) and the library (tsc).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url)));
await build({
  entryPoints: { berth: 'src/cli/main.ts' },
  outdir: 'dist/cli',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['@napi-rs/xattr'],
  define: { BERTH_VERSION: JSON.stringify(pkg.version) },
  chunkNames: 'chunks/[name]-[hash]',
  // commander is CommonJS: give the ESM bundle a real `require` for its node: built-ins.
  banner: { js: "import { createRequire as __berthRequire } from 'node:module'; const require = __berthRequire(import.meta.url);" },
  logLevel: 'warning',
});
if (!process.argv.includes('--cli-only')) execFileSync('npx', ['tsc', '-p', '.'], { stdio: 'inherit' });
