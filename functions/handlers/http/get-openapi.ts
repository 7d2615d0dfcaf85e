import { buildOpenApiDocument } from './openapi.js';
import { json } from './respond.js';
import { publicRoute } from './route.js';

/** GET /openapi.json (no authentication): the document, built once per cold start. */
export const makeGetOpenApiHandler = (document: unknown = buildOpenApiDocument()) =>
  publicRoute(async () => json(200, document, { 'cache-control': 'public, max-age=300' }));

export const handler = makeGetOpenApiHandler();
