// ApiKnowledgeReaders: written by `npm run -s api:entries` from lib/api-layout.ts; do not edit.
// Static imports: the bundle holds these routes and what they use (esbuild tree-shakes them).
import { serveRoutes } from '../router.js';
import * as searchArticles from '../search-articles.js';
import * as getArticle from '../get-article.js';
import * as articleFeedback from '../article-feedback.js';

export const handler = serveRoutes({
  'GET /articles': searchArticles,
  'GET /articles/{id}': getArticle,
  'POST /articles/{id}/feedback': articleFeedback,
});
