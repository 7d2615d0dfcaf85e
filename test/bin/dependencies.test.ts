// Each dependency in its group (issue 13, item 5): what the Lambda functions import at run time
// (and the CDK app that deploys them) is a dependency; what only the local stack, the CLIs, the
// benchmarks and the tests use is a devDependency (`npm ci` installs both, so `npm start` works).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

const filesUnder = (dir: string): string[] => readdirSync(path.join(ROOT, dir)).flatMap((name) => {
  const rel = path.join(dir, name);
  return statSync(path.join(ROOT, rel)).isDirectory() ? filesUnder(rel) : /\.(ts|tsx|mjs)$/.test(name) ? [rel] : [];
});

/** The packages a file imports (value or type imports; node: built-ins left out). */
const packagesOf = (files: string[]): Set<string> => new Set(files.flatMap((file) =>
  [...readFileSync(path.join(ROOT, file), 'utf8').matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s+'([^.'][^']*)'|^\s*import\s+'([^.'][^']*)'|\bimport\(\s*'([^.'][^']*)'\s*\)|\brequire\('([^.'][^']*)'\)/gm)]
    .map((m) => (m[1] ?? m[2] ?? m[3] ?? m[4])!).filter((s) => !s.startsWith('node:'))
    .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!))));

// The functions' run time, and the CDK app (bin/app.ts and lib/), which `cdk deploy` runs.
const runtime = packagesOf([...filesUnder('functions'), ...filesUnder('lib'), 'bin/app.ts']);
const everything = packagesOf([...filesUnder('functions'), ...filesUnder('lib'), ...filesUnder('bin'), ...filesUnder('test'), ...filesUnder('bench')]);
const declared = (name: string) => name in pkg.dependencies || name in pkg.devDependencies || name === 'aws-lambda'; // aws-lambda: @types/aws-lambda, types only

describe('dependency groups', () => {
  it('everything the functions and the CDK app import is a dependency', () => {
    expect([...runtime].filter((name) => name !== 'aws-lambda' && !(name in pkg.dependencies))).toEqual([]);
  });
  it('every dependency is imported by the functions or the CDK app; the rest are devDependencies', () => {
    expect(Object.keys(pkg.dependencies).filter((name) => !runtime.has(name))).toEqual([]);
  });
  it('every package imported anywhere is declared', () => {
    expect([...everything].filter((name) => !declared(name))).toEqual([]);
  });
});

describe('the AWS SDK', () => {
  it('the clients the functions run with are on one version', () => {
    const versions = Object.entries(pkg.dependencies).filter(([name]) => /^@aws-sdk\/(client-|lib-)/.test(name)).map(([, v]) => v);
    expect(new Set(versions).size).toBe(1);
  });
  // @aws-sdk/client-dynamodb-streams (the local stack's stream poller, a devDependency) has no
  // release since 3.1141.0: the SDK publishes a client only when it changes. What must be one is
  // the code every client runs: one copy of @aws-sdk/core and of each @smithy package.
  it('node_modules holds one copy of @aws-sdk/core and of each @smithy package', () => {
    const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
    const copies = new Map<string, Set<string>>();
    for (const [where, entry] of Object.entries(lock.packages)) {
      const name = /node_modules\/((?:@aws-sdk\/core)|(?:@smithy\/[^/]+))$/.exec(where)?.[1];
      if (name) copies.set(name, (copies.get(name) ?? new Set()).add(entry.version ?? '?'));
    }
    expect(copies.size).toBeGreaterThan(3); // the clients share @aws-sdk/core and @smithy/core, types, ...
    expect([...copies].filter(([, v]) => v.size > 1).map(([name, v]) => `${name}: ${[...v].join(', ')}`)).toEqual([]);
  });
});

describe('bundle size (issue 13, bench:coldstart)', () => {
  // Classic zod's schemas carry every method and the JSON Schema processors: about 100 KB of every
  // bundle that reaches a schema, against about 20 KB with zod/mini. functions/domain/zod.ts is
  // zod/mini with the English messages classic zod installs by itself (the API's problem+json
  // quotes them); every other file of the functions takes zod from it.
  const ZOD_MODULE = path.join('functions', 'domain', 'zod.ts');
  const zodImportsOf = (file: string) => [...readFileSync(path.join(ROOT, file), 'utf8')
    .matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s+'(zod(?:\/[^']*)?)'|\bimport\(\s*'(zod(?:\/[^']*)?)'\s*\)/gm)].map((m) => (m[1] ?? m[2])!);
  it('the functions import zod only through functions/domain/zod.ts', () => {
    const direct = filesUnder('functions').filter((file) => file !== ZOD_MODULE && zodImportsOf(file).length > 0);
    expect(direct).toEqual([]);
  });
  it('functions/domain/zod.ts takes zod/mini (and its English locale and core types), never classic zod', () => {
    expect(zodImportsOf(ZOD_MODULE).filter((spec) => !['zod/mini', 'zod/locales', 'zod/v4/core'].includes(spec))).toEqual([]);
    expect(zodImportsOf(ZOD_MODULE)).toContain('zod/mini');
  });

  // esbuild cannot tell that z.string().check(...) has no side effects: a module-level schema not
  // built through z.schema, marked pure, is kept and built at the cold start of every function
  // that imports its module, used or not (issue 13; functions/domain/zod.ts).
  it('every module-level schema of the functions is built through /* @__PURE__ */ z.schema(...)', () => {
    const unmarked = filesUnder('functions').flatMap((file) => readFileSync(path.join(ROOT, file), 'utf8').split('\n')
      .map((line, i) => ({ line, at: `${file}:${i + 1}` }))
      .filter(({ line }) => /^(?:export )?const \w+(?::[^=]+)? = (?:z\.|(?!\/\* @__PURE__ \*\/ )[^=]*\bz\.schema\()/.test(line))
      .map(({ at }) => at));
    expect(unmarked).toEqual([]);
  });
});
