// One Lambda function for several routes (lib/support-api.ts groups the routes of routes.ts by
// the grants they need): API Gateway's `routeKey` names the route, whose module is imported on
// its first request, so a cold instance loads the shared part (the SDK client, the logger) and
// only the routes it serves. The import pattern makes esbuild bundle every file of this folder;
// routes.ts decides which of them may be loaded.
import type { Context } from 'aws-lambda';
import { problemResponse } from './problem.js';
import type { HttpHandler } from './route.js';
import { ROUTES } from './routes.js';
import type { HttpEvent, HttpResult } from './types.js';

type RouteModule = { handler: HttpHandler };

/** `METHOD /path/{param}` → the route's entry, for the routes this function serves (ROUTE_ENTRIES, or all). */
export function routeTable(entries: readonly string[] | null): ReadonlyMap<string, string> {
  const served = ROUTES.filter((r) => entries === null || entries.includes(r.entry));
  return new Map(served.map((r) => [`${r.method} ${r.path}`, r.entry]));
}

/** The router over `load` (tests pass their own loader; the live one imports the route's module). */
export function makeApiHandler(table: ReadonlyMap<string, string>, load: (entry: string) => Promise<RouteModule>): HttpHandler {
  const loaded = new Map<string, Promise<HttpHandler>>();
  return async (event: HttpEvent, context?: Context): Promise<HttpResult> => {
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

const entries = process.env.ROUTE_ENTRIES ? process.env.ROUTE_ENTRIES.split(',') : null;
export const handler = makeApiHandler(routeTable(entries), (entry) => import(`./${entry}.ts`) as Promise<RouteModule>);
