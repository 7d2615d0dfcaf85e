import { beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeApiHandler, routeTable } from '../../../functions/handlers/http/router.js';
import { ROUTES } from '../../../functions/handlers/http/routes.js';
import { apiEntrySource, apiFunctionGroups } from '../../../lib/api-layout.js';
import { PROJECT_ROOT } from '../../../lib/support-function.js';
import { anHttpEvent, bodyOf } from '../../fixtures/http.js';

// The route modules build their live wiring at import (no call is made here: no token, a 401 first).
beforeAll(() => { process.env.TABLE_NAME ??= 'api-router-test'; process.env.AWS_REGION ??= 'eu-west-1'; });

const live = (entry: string) => import(`../../../functions/handlers/http/${entry}.ts`) as Promise<{ handler: never }>;
const eventFor = (routeKey: string, path: string, claims?: Record<string, unknown>) => ({ ...anHttpEvent({ path, claims }), routeKey });

describe('the API router (functions/handlers/http/router.ts)', () => {
  it('serves a route by its route key, loading its module on the first request', async () => {
    const loaded: string[] = [];
    const handler = makeApiHandler(routeTable(null), (entry) => { loaded.push(entry); return live(entry); });
    const doc = await handler(eventFor('GET /openapi.json', '/openapi.json'));
    expect(doc.statusCode).toBe(200);
    expect(bodyOf(doc).openapi).toMatch(/^3\.1/);
    await handler(eventFor('GET /openapi.json', '/openapi.json'));
    expect(loaded).toEqual(['get-openapi']); // once per instance
  });

  it('answers an authenticated route through its own middleware (no token: 401 problem)', async () => {
    const handler = makeApiHandler(routeTable(null), live);
    const res = await handler(eventFor('POST /tickets', '/tickets', undefined));
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toBe('application/problem+json');
  });

  it('refuses a route key this function does not serve with a 404 problem, loading nothing', async () => {
    const loaded: string[] = [];
    const handler = makeApiHandler(routeTable(['get-openapi']), (entry) => { loaded.push(entry); return live(entry); });
    const res = await handler(eventFor('POST /tickets', '/tickets'));
    expect(res.statusCode).toBe(404);
    expect(loaded).toEqual([]);
  });

  it('every route of routes.ts is served by exactly one function of the layout, writers apart from readers but for the token-optional routes', () => {
    const groups = apiFunctionGroups(ROUTES);
    expect(groups.flatMap((g) => g.routes.map((r) => r.entry)).sort()).toEqual(ROUTES.map((r) => r.entry).sort());
    for (const group of groups) {
      const writes = group.routes.filter((r) => r.table === 'write').length;
      if (group.routes.every((r) => r.tokenOptional)) continue; // one function for them (lib/api-layout.ts says why)
      expect([0, group.routes.length], group.name).toContain(writes);
    }
    expect(new Set(groups.map((g) => g.file)).size).toBe(groups.length);
  });

  it('each function\'s entry file imports exactly its routes (run `npm run -s api:entries` after changing the layout)', () => {
    const dir = join(PROJECT_ROOT, 'functions', 'handlers', 'http', 'api');
    const groups = apiFunctionGroups(ROUTES);
    expect(readdirSync(dir).sort()).toEqual(groups.map((g) => `${g.file}.ts`).sort());
    for (const group of groups) expect(readFileSync(join(dir, `${group.file}.ts`), 'utf8'), group.file).toBe(apiEntrySource(group));
  });

  it('an entry file serves its routes and refuses another function\'s', async () => {
    const { handler } = await import('../../../functions/handlers/http/api/docs.js');
    const doc = await handler(eventFor('GET /openapi.json', '/openapi.json'));
    expect(doc.statusCode).toBe(200);
    expect((await handler(eventFor('POST /tickets', '/tickets'))).statusCode).toBe(404);
  });

  it('behind CloudFront (ORIGIN_VERIFY set), a request without its header, or with another value, is a 403 problem: it came around the web ACL', async () => {
    const loaded: string[] = [];
    const handler = makeApiHandler(routeTable(['get-openapi']), (entry) => { loaded.push(entry); return live(entry); }, 's3cret-value-from-the-stack');
    const bare = eventFor('GET /openapi.json', '/openapi.json');
    for (const headers of [{}, { 'x-origin-verify': 's3cret-value-from-the-stacK' }, { 'x-origin-verify': 's3cret' }]) {
      const res = await handler({ ...bare, headers });
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toBe('application/problem+json');
    }
    expect(loaded).toEqual([]);
    const through = await handler({ ...bare, headers: { 'x-origin-verify': 's3cret-value-from-the-stack' } });
    expect(through.statusCode).toBe(200);
  });

  it('without ORIGIN_VERIFY (the local stack, a stage without the firewall) the header is not asked for', async () => {
    const { serveRoutes } = await import('../../../functions/handlers/http/router.js');
    const handler = serveRoutes({ 'GET /openapi.json': await live('get-openapi') }, '');
    expect((await handler(eventFor('GET /openapi.json', '/openapi.json'))).statusCode).toBe(200);
  });
});
