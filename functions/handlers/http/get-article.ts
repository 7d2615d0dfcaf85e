import { articleIdOf, audienceOf, loadArticleFor, toArticleView } from './articles.js';
import type { Deps } from './deps.js';
import { versioned } from './respond.js';
import { optionalAuthRoute } from './optional-route.js';
import { liveArticles } from './wiring.js';

/**
 * GET /articles/{id}, with or without a token: a public article for anyone, a `customers` one for
 * any signed-in customer or partner, internal ones, drafts and withdrawn ones for the center only;
 * otherwise 404, as if absent (R-KB-1). A reader's (not the center's) visit counts as a view.
 */
export const makeGetArticleHandler = (deps: Pick<Deps, 'articles'>) => optionalAuthRoute(async (event, caller) => {
  const audience = audienceOf(caller);
  const id = articleIdOf(event);
  const article = await loadArticleFor(deps.articles, audience, id);
  if (audience !== 'staff') {
    await deps.articles.count(id, 'views');
    return versioned(200, toArticleView(article, audience));
  }
  const [stats, versions] = await Promise.all([deps.articles.stats(id), deps.articles.versions(id)]);
  return versioned(200, toArticleView(article, audience, { stats, versions }));
});

export const handler = makeGetArticleHandler({ articles: liveArticles });
