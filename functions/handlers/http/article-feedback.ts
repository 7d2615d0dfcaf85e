import { ArticleFeedbackRequestSchema } from './article-schemas.js';
import { articleIdOf, audienceOf, loadArticleFor } from './articles.js';
import { readJsonBody } from './body.js';
import type { Deps } from './deps.js';
import { noContent } from './respond.js';
import { optionalAuthRoute } from './optional-route.js';
import { liveArticles } from './wiring.js';

/**
 * POST /articles/{id}/feedback, with or without a token, on an article the caller may read:
 * `{ helpful }` ("was this helpful?") or `{ deflected: true }` (the portal's word that a ticket
 * was not written after the article was opened beside the new-ticket form). 204.
 */
export const makeArticleFeedbackHandler = (deps: Pick<Deps, 'articles'>) => optionalAuthRoute(async (event, caller) => {
  const id = articleIdOf(event);
  const feedback = readJsonBody(event, ArticleFeedbackRequestSchema);
  await loadArticleFor(deps.articles, audienceOf(caller), id);
  await deps.articles.count(id, feedback.deflected ? 'deflections' : feedback.helpful ? 'helpful' : 'notHelpful');
  return noContent();
});

export const handler = makeArticleFeedbackHandler({ articles: liveArticles });
