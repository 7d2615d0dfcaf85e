#!/usr/bin/env node
// Runs a TypeScript entry point fast: bundles it once with esbuild into node_modules/.cache,
// rebuilds only when one of the bundle's own input files changed, then imports the bundle.
// tsx would do without the cache but costs ~0.5 s a start; `npm run -s sla` must answer in
// well under a second, and needs no build step to remember after `npm ci`.
// Usage: node bin/launch.mjs <entry.ts> [args...]
import { buildSync } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { applyQuietEnv } from './quiet-env.mjs';

applyQuietEnv(); // before the entry builds its first AWS SDK client

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const entry = resolve(process.argv[2] ?? '');
const name = relative(root, entry).replace(/[\\/]/g, '_').replace(/\.ts$/, '');
const cache = join(root, 'node_modules', '.cache', 'support-desk');
const outfile = join(cache, `${name}.mjs`);
const inputsFile = join(cache, `${name}.inputs.json`);

const mtime = (file) => { try { return statSync(file).mtimeMs; } catch { return Infinity; } };

function isFresh() {
  if (!existsSync(outfile) || !existsSync(inputsFile)) return false;
  const built = mtime(outfile);
  return JSON.parse(readFileSync(inputsFile, 'utf8')).every((file) => mtime(join(root, file)) <= built);
}

if (!isFresh()) {
  mkdirSync(cache, { recursive: true });
  const result = buildSync({
    entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20',
    metafile: true, sourcemap: 'inline', logLevel: 'error', absWorkingDir: root,
    // Bundled CommonJS dependencies may call require(); give the ESM bundle one.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  writeFileSync(inputsFile, JSON.stringify(Object.keys(result.metafile.inputs)));
}

process.argv.splice(1, 2, entry); // the entry sees its own arguments at argv[2...], as under tsx
await import(pathToFileURL(outfile).href);
