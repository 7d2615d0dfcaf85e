import type { Article, ArticleChange } from '../../domain/kb/index.js';
import type { Caller } from './caller.js';
import type { Deps } from './deps.js';
import { loadArticleRenderer } from './article-renderer.js';
import { articleIdOf, assertMayWriteArticles, loadArticleFor, toArticleView } from './articles.js';
import { assertIfMatch, type IfMatch } from './preconditions.js';
import { versioned } from './respond.js';
import type { HttpEvent, HttpResult } from './types.js';

/**
 * Load, decide, one conditional write on the article's version; a stale If-Match is a 412 before
 * anything is written. An article stored before bodies were rendered when written gets its
 * rendering with this write (publish and withdraw carry the stored one over).
 */
export async function runArticleCommand(
  deps: Pick<Deps, 'articles' | 'now'>, event: HttpEvent, caller: Caller, ifMatch: IfMatch | null,
  decide: (article: Article, by: string, now: string) => ArticleChange,
): Promise<HttpResult> {
  assertMayWriteArticles(caller);
  const article = await loadArticleFor(deps.articles, 'staff', articleIdOf(event));
  assertIfMatch(ifMatch, article.version);
  const decided = decide(article, caller.email, deps.now());
  const change = decided.article.html === undefined || decided.article.summary === undefined
    ? { ...decided, article: { ...decided.article, ...(await loadArticleRenderer())(decided.article.body) } }
    : decided;
  await deps.articles.save(change, article.version);
  return versioned(200, toArticleView(change.article, 'staff'));
}
