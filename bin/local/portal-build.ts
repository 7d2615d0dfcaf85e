// The built portal for the local stack: `vite build` of web/ into a folder named by a hash of
// its sources (web/, the functions/ it imports, the lockfile), kept in node_modules/.cache, so
// `npm ci && npm start` builds it once and a changed source builds it again. Parallel stacks (the
// e2e test files) may build at once: each builds into its own folder and renames it into place.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// This file too: a change to how the portal is built is a new build.
const SOURCES = ['web/index.html', 'web/vite.config.ts', 'web/src', 'functions/domain', 'functions/handlers/http', 'functions/adapters/search', 'package-lock.json', 'bin/local/portal-build.ts'];

function filesUnder(root: string, rel: string, out: string[]): void {
  const full = path.join(root, rel);
  if (!existsSync(full)) return;
  if (statSync(full).isFile()) { out.push(rel); return; }
  for (const name of readdirSync(full).sort()) filesUnder(root, path.join(rel, name), out);
}

/** A hash of everything the portal's bundle is made from. */
export function portalSourceHash(root: string): string {
  const files: string[] = [];
  for (const s of SOURCES) filesUnder(root, s, files);
  const hash = createHash('sha256');
  for (const f of files) hash.update(f).update('\0').update(readFileSync(path.join(root, f))).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** The project's folder: the nearest one up holding this package.json (this file may run bundled under node_modules/.cache). */
export function projectRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'support-desk') return dir;
    if (path.dirname(dir) === dir) throw new Error('the support-desk project folder was not found');
  }
}

export class PortalBuildError extends Error {
  override readonly name = 'PortalBuildError';
}

/** The folder holding the built portal for the current sources, building it when absent. */
export async function ensurePortalBuild(root: string): Promise<string> {
  const cache = path.join(root, 'node_modules', '.cache', 'support-desk', 'portal');
  const dir = path.join(cache, portalSourceHash(root));
  if (existsSync(path.join(dir, 'index.html'))) return dir;
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(vite)) throw new PortalBuildError('the portal is not built and Vite is missing: run `npm ci` (the dev dependencies build the portal)');
  mkdirSync(cache, { recursive: true });
  const tmp = `${dir}.${process.pid}.tmp`;
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', 'web', '--outDir', tmp, '--emptyOutDir', '--logLevel', 'warn'], {
      // production: React's production build whatever NODE_ENV the stack runs under (vitest sets `test`).
      cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production' },
    });
    child.stdout.on('data', (c: Buffer) => output.push(c.toString()));
    child.stderr.on('data', (c: Buffer) => output.push(c.toString()));
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) {
    rmSync(tmp, { recursive: true, force: true });
    throw new PortalBuildError(`building the portal (vite build web) failed:\n${output.join('').trim()}`);
  }
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another stack built the same sources first
  }
  // Older builds: keep only the newest few.
  const builds = readdirSync(cache).filter((n) => !n.endsWith('.tmp') && n !== path.basename(dir))
    .map((n) => ({ n, at: statSync(path.join(cache, n)).mtimeMs })).sort((a, b) => b.at - a.at);
  for (const old of builds.slice(2)) rmSync(path.join(cache, old.n), { recursive: true, force: true });
  return dir;
}
