import { DomainError } from '../../domain/index.js';
import { snippetOf } from '../../adapters/search/snippet.js';
import { SearchArticlesQuerySchema } from './article-schemas.js';
import { audienceOf } from './articles.js';
import type { Deps } from './deps.js';
import { json } from './respond.js';
import { optionalAuthRoute } from './optional-route.js';
import { liveArticleIndex } from './article-index-wiring.js';
import { liveArticles } from './wiring.js';

/**
 * GET /articles?q&language&limit, with or without a token: the published articles the caller may
 * read that best match `q`, best first, each with a snippet whose matched words are marked
 * (R-KB-1). Without `q`, the articles by title (browse, optionally by `tag`). An empty or
 * punctuation-only `q` finds nothing (200, no items); one over 200 characters is a 400 naming q.
 * The center may list its articles in any status from the table with `status`.
 */
export const makeSearchArticlesHandler = (deps: Pick<Deps, 'articles' | 'articleIndex'>) => optionalAuthRoute(async (event, caller) => {
  const query = SearchArticlesQuerySchema.parse(event.queryStringParameters ?? {}); // a ZodError: 400 naming the parameter
  const audience = audienceOf(caller);
  if (query.status !== undefined) {
    if (audience !== 'staff') throw new DomainError('not-allowed', 'only the center lists articles by status', { field: 'status' });
    const all = await deps.articles.list();
    const chosen = all.filter((a) => (query.status === 'all' || a.status === query.status) && (!query.language || a.language === query.language) && (!query.tag || a.tags.includes(query.tag)))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, query.limit);
    const items = await Promise.all(chosen.map(async (a) => ({
      id: a.id, title: a.title, snippet: snippetOf(a.summary ?? a.body, new Set()), language: a.language, score: 0, tags: [...a.tags],
      status: a.status, visibility: a.visibility, stats: await deps.articles.stats(a.id),
    })));
    return json(200, { items });
  }
  if (!deps.articleIndex) throw new Error('the article index is not wired: deps.articleIndex is required by this route');
  const index = await deps.articleIndex.current();
  const common = { audience, limit: query.limit, ...(query.language ? { language: query.language } : {}), ...(query.tag ? { tag: query.tag } : {}) };
  const items = query.q === undefined ? index.browse(common) : index.search({ ...common, q: query.q });
  return json(200, { items });
});

// The index (and MiniSearch) only here: no other route's bundle holds them.
export const handler = makeSearchArticlesHandler({ articles: liveArticles, articleIndex: liveArticleIndex(process.env) });
