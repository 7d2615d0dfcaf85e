import { beforeAll, describe, expect, it } from 'vitest';
import { makeApiHandler, routeTable } from '../../../functions/handlers/http/api.js';
import { ROUTES } from '../../../functions/handlers/http/routes.js';
import { apiFunctionGroups } from '../../../lib/api-layout.js';
import { anHttpEvent, bodyOf } from '../../fixtures/http.js';

// The route modules build their live wiring at import (no call is made here: no token, a 401 first).
beforeAll(() => { process.env.TABLE_NAME ??= 'api-router-test'; process.env.AWS_REGION ??= 'eu-west-1'; });

const live = (entry: string) => import(`../../../functions/handlers/http/${entry}.ts`) as Promise<{ handler: never }>;
const eventFor = (routeKey: string, path: string, claims?: Record<string, unknown>) => ({ ...anHttpEvent({ path, claims }), routeKey });

describe('the API router (functions/handlers/http/api.ts)', () => {
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

  it('refuses a route key this function does not serve (ROUTE_ENTRIES) with a 404 problem, loading nothing', async () => {
    const loaded: string[] = [];
    const handler = makeApiHandler(routeTable(['get-openapi']), (entry) => { loaded.push(entry); return live(entry); });
    const res = await handler(eventFor('POST /tickets', '/tickets'));
    expect(res.statusCode).toBe(404);
    expect(loaded).toEqual([]);
  });

  it('every route of routes.ts is served by exactly one function of the layout, writers apart from readers', () => {
    const groups = apiFunctionGroups(ROUTES);
    expect(groups.flatMap((g) => g.routes.map((r) => r.entry)).sort()).toEqual(ROUTES.map((r) => r.entry).sort());
    const writers = groups.find((g) => g.name === 'ApiWrites')!;
    expect(writers.routes.every((r) => r.table === 'write')).toBe(true);
    expect(groups.find((g) => g.name === 'ApiReads')!.routes.some((r) => r.table === 'write')).toBe(false);
  });
});
