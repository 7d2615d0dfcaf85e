import { withdrawArticle } from '../../domain/kb/index.js';
import { runArticleCommand } from './article-command.js';
import type { Deps } from './deps.js';
import { readIfMatch } from './preconditions.js';
import { authedRoute } from './route.js';
import { liveArticles, liveNow } from './wiring.js';

/** POST /articles/{id}/withdraw: gone from customers and from search (the index is rebuilt from the stream); If-Match optional. */
export const makeWithdrawArticleHandler = (deps: Pick<Deps, 'articles' | 'now'>) => authedRoute(async (event, caller) =>
  runArticleCommand(deps, event, caller, readIfMatch(event), withdrawArticle));

export const handler = makeWithdrawArticleHandler({ articles: liveArticles, now: liveNow });
