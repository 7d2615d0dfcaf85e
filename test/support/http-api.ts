// The HTTP API as the integration tests drive it: every route's real handler (its make…Handler
// factory) on the real DynamoDB stores against DynamoDB Local, with a manual clock. Events are
// shaped as API Gateway's HTTP API passes them after its JWT authorizer (test/fixtures/http.ts).
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FolderAttachmentStorage } from '../../functions/adapters/folder-attachment-storage.js';
import { DynamoUploadStore } from '../../functions/adapters/upload-store.js';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDirectoryStore } from '../../functions/adapters/dynamo-directory-store.js';
import { DynamoReportRequests } from '../../functions/adapters/report-requests.js';
import { DynamoTicketStore } from '../../functions/adapters/dynamo-ticket-store.js';
import { defaultPolicy } from '../../functions/domain/index.js';
import type { Role } from '../../functions/handlers/http/caller.js';
import { policyRegistry, type Deps } from '../../functions/handlers/http/deps.js';
import type { HttpHandler } from '../../functions/handlers/http/route.js';
import { ROUTES, type Route } from '../../functions/handlers/http/routes.js';
import type { HttpResult } from '../../functions/handlers/http/types.js';
import { anHttpEvent, claimsFor } from '../fixtures/http.js';

/** `METHOD /path` exactly as routes.ts spells it: the key every table of expectations uses. */
export const routeKey = (r: Pick<Route, 'method' | 'path'>): string => `${r.method} ${r.path}`;

type RouteModule = { handler: HttpHandler } & Record<string, unknown>;

/**
 * Imports every route module of routes.ts. The live wiring reads TABLE_NAME at import (a cold
 * start), so it is set first; the tests then build each handler from its factory with their deps.
 */
export async function loadRouteModules(): Promise<Record<string, RouteModule>> {
  process.env.TABLE_NAME ??= 'integration-tests'; // only the live wiring reads it; our deps name the real table
  const modules: Record<string, RouteModule> = {};
  for (const route of ROUTES) {
    const url = new URL(`../../functions/handlers/http/${route.entry}.js`, import.meta.url).href;
    modules[route.entry] = (await import(/* @vite-ignore */ url)) as RouteModule;
  }
  return modules;
}

/** A person as the JWT authorizer describes them. */
export type Identity = { role: Role; organisation: string | null; email: string };

/** Claims as API Gateway passes them (every value a string, groups as `[role]`), for this person. */
export function claimsOf(who: Identity): Record<string, unknown> {
  const claims = claimsFor(who.role, who.organisation)!;
  claims.email = who.email;
  claims.sub = `sub-${who.email}`;
  claims['cognito:username'] = who.email.split('@')[0];
  return claims;
}

/** A settable clock: the handlers' `deps.now`. */
export type ManualClock = { now: () => string; set(at: string): void; advanceMinutes(minutes: number): string };

export function manualClock(start: string): ManualClock {
  let current = new Date(start).toISOString();
  return {
    now: () => current,
    set: (at) => { current = new Date(at).toISOString(); },
    advanceMinutes: (minutes) => (current = new Date(Date.parse(current) + minutes * 60_000).toISOString()),
  };
}

export type ApiRequest = {
  as?: Identity | null; // null: no token
  params?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown; // JSON-encoded unless a string
  isBase64Encoded?: boolean;
};
export type ApiResponse = HttpResult & { json: any };

export type Api = {
  deps: Deps;
  /** The attachment objects: a folder, with the local stack's signed URLs (served by `objects.serve`). */
  objects: FolderAttachmentStorage;
  clock: ManualClock;
  /** Calls the route `METHOD /path` (as routes.ts spells it) through its real handler. */
  call(key: string, req?: ApiRequest): Promise<ApiResponse>;
};

/** Every route's handler on the real stores of `tableName`, with `clock` as `deps.now`. */
export function makeApi(modules: Record<string, RouteModule>, client: DynamoDBClient, tableName: string, clock: ManualClock): Api {
  const objectsRoot = mkdtempSync(path.join(tmpdir(), 'api-objects-'));
  process.once('exit', () => rmSync(objectsRoot, { recursive: true, force: true }));
  const objects = new FolderAttachmentStorage(objectsRoot, () => 'http://objects.test', randomBytes(32));
  const deps: Deps = {
    tickets: new DynamoTicketStore(client, tableName),
    directory: new DynamoDirectoryStore(client, tableName),
    policies: policyRegistry(defaultPolicy),
    now: () => clock.now(),
    newId: randomUUID,
    reportRequests: new DynamoReportRequests(client, tableName),
    uploads: new DynamoUploadStore(client, tableName),
    attachments: objects,
  };
  const handlers = new Map<string, HttpHandler>();
  for (const route of ROUTES) {
    const module = modules[route.entry]!;
    const factory = Object.entries(module).find(([name, v]) => /^make\w+Handler$/.test(name) && typeof v === 'function')?.[1] as ((deps: Deps) => HttpHandler) | undefined;
    if (!factory) throw new Error(`${route.entry} exports no make…Handler`);
    // A route without the table (the OpenAPI document) takes no deps: its live handler is the real one.
    handlers.set(routeKey(route), route.table === 'none' ? module.handler : factory(deps));
  }
  const call = async (key: string, req: ApiRequest = {}): Promise<ApiResponse> => {
    const handler = handlers.get(key);
    if (!handler) throw new Error(`no route ${key}`);
    const [method, template] = key.split(' ') as [string, string];
    const params = req.params ?? {};
    const encode = (value: string) => { try { return encodeURIComponent(value); } catch { return value; } }; // a lone surrogate
    const path = template.replace(/\{(\w+)\}/g, (_m, name: string) => encode(params[name] ?? ''));
    const event = anHttpEvent({
      method, path, pathParameters: Object.keys(params).length ? params : undefined,
      headers: req.headers ?? {}, claims: req.as ? claimsOf(req.as) : undefined,
      ...(req.query ? { query: req.query } : {}),
      body: req.body,
    });
    event.routeKey = event.requestContext.routeKey = key;
    event.rawQueryString = new URLSearchParams(req.query ?? {}).toString();
    if (!req.query) delete event.queryStringParameters;
    event.isBase64Encoded = req.isBase64Encoded ?? false;
    if (req.body === undefined) {
      delete event.body;
      delete event.headers['content-length'];
    } else {
      event.headers['content-length'] = String(Buffer.byteLength(event.body ?? ''));
    }
    if (!req.as) delete event.headers.authorization; // no token: the authorizer passed nothing on
    const result = await handler(event);
    let json: unknown = null;
    try { json = result.body ? JSON.parse(result.body) : null; } catch { json = result.body; }
    return { ...result, json };
  };
  return { deps, objects, clock, call };
}
