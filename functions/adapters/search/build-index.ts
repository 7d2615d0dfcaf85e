import { DomainError } from '../../domain/errors.js';
import type { Article } from '../../domain/kb/index.js';
import type { ArticleStore } from '../article-store.js';
import { buildIndexFile, type IndexFile } from './article-index.js';
import type { IndexObjectStore } from './index-store.js';
import { markdownToText, renderArticleBody } from './markdown.js';

/** An article change the index must follow: a head item now published or withdrawn, at a version. */
export type ArticleCue = { id: string; version: number };

/**
 * The body text the index keeps for snippets: the first 2,000 characters (the whole body is
 * still indexed). A match further down shows the article's opening; the index stays small
 * enough to load at a cold start.
 */
export const SNIPPET_TEXT_CHARS = 2_000;

/** The index of the published articles among `articles` (every article's version recorded). */
export function indexFileOf(articles: readonly Article[], builtAt: string): IndexFile {
  const published = articles.filter((a) => a.status === 'published').map((a) => ({
    id: a.id, version: a.version, title: a.title, text: markdownToText(a.body), language: a.language, visibility: a.visibility, tags: [...a.tags],
  }));
  return buildIndexFile(published, Object.fromEntries(articles.map((a) => [a.id, a.version])), builtAt, SNIPPET_TEXT_CHARS);
}

/**
 * Builds the index for the state the cues name, once: when the stored index was already built
 * from each cue's article at that version or later (a redelivered stream record, or a batch a
 * later build already covered), nothing is read or written. Otherwise every article is read
 * from the table as it is now and the whole index written as one object.
 */
export async function rebuildIndexFor(cues: readonly ArticleCue[], deps: { articles: Pick<ArticleStore, 'list' | 'fillRendered'>; store: IndexObjectStore; now: () => string }): Promise<'built' | 'up-to-date'> {
  if (cues.length === 0) return 'up-to-date';
  const stored = await deps.store.read();
  if (stored && stored !== 'unchanged') {
    const { versions } = JSON.parse(stored.bytes.toString('utf8')) as Pick<IndexFile, 'versions'>;
    if (cues.every((c) => (versions[c.id] ?? 0) >= c.version)) return 'up-to-date';
  }
  const articles = await deps.articles.list();
  const file = indexFileOf(articles, deps.now());
  await deps.store.write(Buffer.from(JSON.stringify(file)));
  await fillMissingRenderings(articles, deps.articles);
  return 'built';
}

/**
 * Articles stored before bodies were rendered when written get their rendering here, with the
 * build that read them anyway: readers get the escaped text until then (toArticleView). A write
 * since the read rendered the article itself and wins (fillRendered's condition). A body whose
 * HTML would be too large to store keeps the escaped text until an author shortens it. The fill
 * changes no version, so its stream records find the index up to date.
 */
export async function fillMissingRenderings(articles: readonly Article[], store: Pick<ArticleStore, 'fillRendered'>): Promise<number> {
  let filled = 0;
  for (const a of articles) {
    if (a.html !== undefined && a.summary !== undefined) continue;
    let rendered;
    try {
      rendered = renderArticleBody(a.body);
    } catch (error) {
      if (error instanceof DomainError) continue; // too large to store: see above
      throw error;
    }
    if (await store.fillRendered(a.id, a.version, rendered)) filled += 1;
  }
  return filled;
}
