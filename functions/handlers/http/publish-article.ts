import { publishArticle } from '../../domain/kb/index.js';
import { runArticleCommand } from './article-command.js';
import type { Deps } from './deps.js';
import { readIfMatch } from './preconditions.js';
import { authedRoute } from './route.js';
import { liveArticles, liveNow } from './wiring.js';

/** POST /articles/{id}/publish: readers and search see it (the index is rebuilt from the stream); If-Match optional. */
export const makePublishArticleHandler = (deps: Pick<Deps, 'articles' | 'now'>) => authedRoute(async (event, caller) =>
  runArticleCommand(deps, event, caller, readIfMatch(event), publishArticle));

export const handler = makePublishArticleHandler({ articles: liveArticles, now: liveNow });
