import { ArticleIndex, type IndexFile, type IndexFileV1 } from './article-index.js';
import type { IndexObjectStore } from './index-store.js';

export type IndexReader = { current(): Promise<ArticleIndex> };

/**
 * The index a search function answers from: loaded on its first search (a cold start), then
 * checked for a newer object at most every `refreshMs` (a conditional GET: unchanged costs no
 * transfer). A rebuild in progress, or a failed check, leaves the index already loaded in use:
 * a search always answers from the last complete index. No index built yet searches nothing.
 */
export function indexReader(store: IndexObjectStore, refreshMs: number, nowMs: () => number = () => performance.now()): IndexReader {
  let loaded: { index: ArticleIndex; etag: string | undefined; checkedAt: number } | null = null;
  let pending: Promise<ArticleIndex> | null = null;
  const refresh = async (): Promise<ArticleIndex> => {
    const read = await store.read(loaded?.etag);
    if (read === 'unchanged' && loaded) { loaded.checkedAt = nowMs(); return loaded.index; }
    const index = read && read !== 'unchanged' ? ArticleIndex.load(JSON.parse(read.bytes.toString('utf8')) as IndexFile | IndexFileV1) : ArticleIndex.empty();
    loaded = { index, etag: read && read !== 'unchanged' ? read.etag : undefined, checkedAt: nowMs() };
    return index;
  };
  return {
    async current() {
      if (loaded && nowMs() - loaded.checkedAt < refreshMs) return loaded.index;
      if (!pending) pending = refresh().finally(() => { pending = null; });
      if (!loaded) return pending; // the first load: nothing older to answer from
      const previous = loaded.index;
      return pending.catch(() => previous);
    },
  };
}

/** An index with no articles: for wiring that never searches (benchmarks and tests of other routes). */
export const noArticleIndex: IndexReader = { current: async () => ArticleIndex.empty() };
