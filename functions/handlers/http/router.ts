// The router of an API function that serves several routes (lib/api-layout.ts groups the routes of
// routes.ts; each group's entry file under ./api/ lists its routes' modules, so its bundle holds
// those routes and no others). API Gateway's `routeKey` names the route.
import type { Context } from 'aws-lambda';
import { problemResponse } from './problem.js';
import type { HttpHandler } from './route.js';
import { ROUTES } from './routes.js';
import type { HttpEvent, HttpResult } from './types.js';

export type RouteModule = { handler: HttpHandler };

/** `METHOD /path/{param}` → the route's entry, for the routes given (or all). */
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

/** An entry file's handler: its routes' modules by route key (`GET /tickets/{id}`), which API Gateway sends. */
export function serveRoutes(modules: Readonly<Record<string, RouteModule>>): HttpHandler {
  const table = new Map(Object.keys(modules).map((key) => [key, key]));
  return makeApiHandler(table, async (key) => modules[key]!);
}
