import { reviseArticle } from '../../domain/kb/index.js';
import { runArticleCommand } from './article-command.js';
import { loadArticleRenderer } from './article-renderer.js';
import { UpdateArticleRequestSchema } from './article-schemas.js';
import { readJsonBody } from './body.js';
import type { Deps } from './deps.js';
import { requireIfMatch } from './preconditions.js';
import { authedRoute } from './route.js';
import { liveArticles, liveNow } from './wiring.js';

/** PUT /articles/{id}, If-Match required (428 without, 412 stale): a new version, its body rendered inert here, the old one kept (R-KB-1). */
export const makeUpdateArticleHandler = (deps: Pick<Deps, 'articles' | 'now'>) => authedRoute(async (event, caller) => {
  const ifMatch = requireIfMatch(event);
  const content = readJsonBody(event, UpdateArticleRequestSchema);
  const renderArticleBody = await loadArticleRenderer();
  // Rendered once the caller may write and If-Match holds (runArticleCommand), not before.
  return runArticleCommand(deps, event, caller, ifMatch, (article, by, now) => reviseArticle(article, { ...content, ...renderArticleBody(content.body) }, by, now));
});

export const handler = makeUpdateArticleHandler({ articles: liveArticles, now: liveNow });
