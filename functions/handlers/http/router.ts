// The router of an API function that serves several routes (lib/api-layout.ts groups the routes of
// routes.ts; each group's entry file under ./api/ lists its routes' modules, so its bundle holds
// those routes and no others). API Gateway's `routeKey` names the route.
import type { Context } from 'aws-lambda';
import { problemResponse } from './problem.js';
import type { HttpHandler } from './route.js';
import { ORIGIN_VERIFY_HEADER, ROUTES } from './routes.js';
import type { HttpEvent, HttpResult } from './types.js';

export type RouteModule = { handler: HttpHandler };

/** `METHOD /path/{param}` → the route's entry, for the routes given (or all). */
export function routeTable(entries: readonly string[] | null): ReadonlyMap<string, string> {
  const served = ROUTES.filter((r) => entries === null || entries.includes(r.entry));
  return new Map(served.map((r) => [`${r.method} ${r.path}`, r.entry]));
}

/** Equal strings, compared in a time that does not depend on where they differ. */
function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined || given.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= given.charCodeAt(i) ^ expected.charCodeAt(i);
  return diff === 0;
}

/**
 * The router over `load` (tests pass their own loader; the live one imports the route's module).
 * With `originSecret` (env ORIGIN_VERIFY, set where CloudFront and its web ACL front the API), a
 * request without CloudFront's header is a 403: it came to the execute-api URL directly, around
 * the per-client rate rules.
 */
export function makeApiHandler(table: ReadonlyMap<string, string>, load: (entry: string) => Promise<RouteModule>, originSecret?: string): HttpHandler {
  const loaded = new Map<string, Promise<HttpHandler>>();
  return async (event: HttpEvent, context?: Context): Promise<HttpResult> => {
    if (originSecret && !sameSecret(event.headers?.[ORIGIN_VERIFY_HEADER], originSecret)) {
      return problemResponse({ type: 'tag:support-desk,2026:problem:not-allowed', title: 'Forbidden', status: 403, detail: 'call the API at the portal\'s /api (through its CloudFront distribution)' });
    }
    const entry = table.get(event.routeKey);
    if (!entry) {
      // API Gateway only sends the routes it has; this is a wiring mistake, not a client's.
      return problemResponse({ type: 'tag:support-desk,2026:problem:not-found', title: 'Not found', status: 404, detail: `no route ${event.routeKey} in this function` });
    }
    let handler = loaded.get(entry);
    if (!handler) loaded.set(entry, (handler = load(entry).then((m) => m.handler)));
    return (await handler)(event, context);
  };
}

/** An entry file's handler: its routes' modules by route key (`GET /tickets/{id}`), which API Gateway sends. */
export function serveRoutes(modules: Readonly<Record<string, RouteModule>>, originSecret = process.env.ORIGIN_VERIFY): HttpHandler {
  const table = new Map(Object.keys(modules).map((key) => [key, key]));
  return makeApiHandler(table, async (key) => modules[key]!, originSecret || undefined);
}
