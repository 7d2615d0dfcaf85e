// Issue 13 (cold starts): an article's HTML is rendered once, when its text is written, and stored;
// the routes that read articles return it as stored, so their bundles carry no Markdown renderer
// (marked and our rules around it: about 54 KB minified; markdown-it before it, 98 KB). The write
// routes keep it: they render with the same safe renderer (test/adapters/search/markdown.test.ts,
// and test/integration/http/kb.test.ts through the API).
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../../', import.meta.url).pathname;
// The renderer's package, and our module that wraps it (the rules that make its HTML safe).
const RENDERER = /node_modules\/marked\/|functions\/adapters\/search\/(markdown|character-references)\.ts$/;

/** The files esbuild puts into the route module's bundle (as synth bundles it: node, ESM). */
async function inputsOf(route: string): Promise<string[]> {
  const result = await build({
    entryPoints: [join(ROOT, 'functions', 'handlers', 'http', `${route}.ts`)], absWorkingDir: ROOT,
    bundle: true, platform: 'node', format: 'esm', target: 'node24', mainFields: ['module', 'main'],
    write: false, outfile: 'out.mjs', metafile: true, logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

describe('the knowledge base\'s read routes bundle no Markdown renderer (issue 13)', () => {
  // Every route that reads an article: by id, search and browse, the center's list, feedback, and a link on a ticket;
  // and the API function that serves the readers' routes together (lib/api-layout.ts).
  it.each(['get-article', 'search-articles', 'article-feedback', 'link-article', 'api/knowledge-readers'])('%s', async (route) => {
    const inputs = await inputsOf(route);
    expect(inputs.some((f) => f.includes('functions/adapters/article-store.ts'))).toBe(true); // it does read articles
    expect(inputs.filter((f) => RENDERER.test(f))).toEqual([]);
  }, 30_000);

  it.each(['create-article', 'api/knowledge-writers'])('while %s still carries it (the check sees it where it is)', async (route) => {
    const inputs = await inputsOf(route);
    expect(inputs.some((f) => f.includes('node_modules/marked/'))).toBe(true);
    expect(inputs.filter((f) => RENDERER.test(f))).toEqual(expect.arrayContaining(['functions/adapters/search/markdown.ts', 'node_modules/marked/lib/marked.esm.js']));
  }, 30_000);
});
