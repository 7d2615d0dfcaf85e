import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const domainDir = new URL('../../functions/domain/', import.meta.url).pathname;
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

// style.md §1: the domain is pure — time, ids and configuration come in as arguments.
describe('the domain is pure', () => {
  const sources = files(domainDir).map((file) => ({ file: file.slice(domainDir.length), text: readFileSync(file, 'utf8') }));
  it('has files to check', () => expect(sources.length).toBeGreaterThan(10));
  it('imports only other domain files, zod and @hebcal', () => {
    const bad = sources.flatMap(({ file, text }) =>
      [...text.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]!).filter((spec) => !spec.startsWith('.') && !['zod/mini', 'zod/locales', 'zod/v4/core'].includes(spec) && !spec.startsWith('@hebcal/')).map((spec) => `${file}: ${spec}`));
    expect(bad).toEqual([]);
  });
  it('reads no clock, environment or randomness', () => {
    const forbidden = /process\.env|Date\.now\(|new Date\(\)|Math\.random\(|randomUUID\(|\.get(Hours|Date|Day|Month|FullYear|Minutes)\(/;
    expect(sources.filter(({ text }) => forbidden.test(text)).map((s) => s.file)).toEqual([]);
  });
});
