// ApiDocs: written by `npm run -s api:entries` from lib/api-layout.ts; do not edit.
// Static imports: the bundle holds these routes and what they use (esbuild tree-shakes them).
import { serveRoutes } from '../router.js';
import * as getOpenapi from '../get-openapi.js';

export const handler = serveRoutes({
  'GET /openapi.json': getOpenapi,
});
