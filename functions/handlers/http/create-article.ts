import { createArticle } from '../../domain/kb/index.js';
import { loadArticleRenderer } from './article-renderer.js';
import { CreateArticleRequestSchema } from './article-schemas.js';
import { assertMayWriteArticles, toArticleView } from './articles.js';
import { readJsonBody } from './body.js';
import type { Deps } from './deps.js';
import { versioned } from './respond.js';
import { authedRoute } from './route.js';
import { liveArticles, liveNewId, liveNow } from './wiring.js';

/** POST /articles: a new draft, version 1, its body rendered inert once, here (R-KB-1; agents and support managers). */
export const makeCreateArticleHandler = (deps: Pick<Deps, 'articles' | 'now' | 'newId'>) => authedRoute(async (event, caller) => {
  assertMayWriteArticles(caller);
  const content = readJsonBody(event, CreateArticleRequestSchema);
  const renderArticleBody = await loadArticleRenderer();
  const change = createArticle(deps.newId(), { ...content, ...renderArticleBody(content.body) }, caller.email, deps.now());
  await deps.articles.save(change, 0);
  return versioned(201, toArticleView(change.article, 'staff'), { location: `/articles/${change.article.id}` });
});

export const handler = makeCreateArticleHandler({ articles: liveArticles, now: liveNow, newId: liveNewId });
