// The $default route's function: what no route of routes.ts takes, answered as problem+json.
import { describe, expect, it } from 'vitest';
import { makeRouteNotFoundHandler } from '../../../functions/handlers/http/route-not-found.js';
import { allowedMethods } from '../../../functions/handlers/http/route-match.js';
import { anHttpEvent } from '../../fixtures/http.js';

const handler = makeRouteNotFoundHandler();
const call = async (method: string, path: string) => {
  const event = anHttpEvent({ method, path });
  event.routeKey = event.requestContext.routeKey = '$default';
  const res = await handler(event);
  return { ...res, json: JSON.parse(res.body!) };
};

describe('$default: unknown routes and wrong methods', () => {
  it('a path no route has is a 404 problem', async () => {
    const res = await call('GET', '/tickets/1/nothing');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.json).toMatchObject({ status: 404, type: 'tag:support-desk,2026:problem:route-not-found' });
  });

  it('a known path with another method is a 405 naming its methods in Allow', async () => {
    const res = await call('DELETE', '/tickets/T-1042');
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('GET, PATCH');
    expect(res.json).toMatchObject({ status: 405, title: 'Method not allowed' });
    expect((await call('GET', '/uploads')).headers.allow).toBe('POST');
  });

  it('allowedMethods reads routes.ts: a {param} is one path segment', () => {
    expect(allowedMethods('/tickets')).toEqual(['GET', 'POST']);
    expect(allowedMethods('/tickets/a/b')).toEqual([]);
    expect(allowedMethods('/organisations/acme/contacts/x@y.example')).toEqual(['DELETE', 'PUT']);
  });
});
