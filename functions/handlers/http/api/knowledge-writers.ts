// ApiKnowledgeWriters: written by `npm run -s api:entries` from lib/api-layout.ts; do not edit.
// Static imports: the bundle holds these routes and what they use (esbuild tree-shakes them).
import { serveRoutes } from '../router.js';
import * as createArticle from '../create-article.js';
import * as updateArticle from '../update-article.js';
import * as publishArticle from '../publish-article.js';
import * as withdrawArticle from '../withdraw-article.js';

export const handler = serveRoutes({
  'POST /articles': createArticle,
  'PUT /articles/{id}': updateArticle,
  'POST /articles/{id}/publish': publishArticle,
  'POST /articles/{id}/withdraw': withdrawArticle,
});
