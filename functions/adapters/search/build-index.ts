import type { Article } from '../../domain/kb/index.js';
import type { ArticleStore } from '../article-store.js';
import { buildIndexFile, type IndexFile } from './article-index.js';
import type { IndexObjectStore } from './index-store.js';
import { markdownToText } from './markdown.js';

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
export async function rebuildIndexFor(cues: readonly ArticleCue[], deps: { articles: Pick<ArticleStore, 'list'>; store: IndexObjectStore; now: () => string }): Promise<'built' | 'up-to-date'> {
  if (cues.length === 0) return 'up-to-date';
  const stored = await deps.store.read();
  if (stored && stored !== 'unchanged') {
    const { versions } = JSON.parse(stored.bytes.toString('utf8')) as Pick<IndexFile, 'versions'>;
    if (cues.every((c) => (versions[c.id] ?? 0) >= c.version)) return 'up-to-date';
  }
  const file = indexFileOf(await deps.articles.list(), deps.now());
  await deps.store.write(Buffer.from(JSON.stringify(file)));
  return 'built';
}
