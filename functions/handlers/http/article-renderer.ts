import type { RenderedBody } from '../../domain/kb/index.js';

/**
 * The Markdown renderer, imported by the first request that writes an article rather than at the
 * function's cold start: marked builds its whole grammar when loaded (~3 ms of CPU here), and
 * esbuild keeps a dynamically imported module in the bundle but evaluates it only when first
 * imported (issue 13).
 */
export async function loadArticleRenderer(): Promise<(body: string) => RenderedBody> {
  return (await import('../../adapters/search/markdown.js')).renderArticleBody;
}
