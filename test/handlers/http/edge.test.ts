import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Deps } from '../../../functions/handlers/http/deps.js';
import type { HttpHandler } from '../../../functions/handlers/http/route.js';
import { ROUTES } from '../../../functions/handlers/http/routes.js';
import { TICKET_ID, anHttpEvent, bodyOf, claimsFor } from '../../fixtures/http.js';

// Refusals the edge makes before the table is touched: the deps below fail the test if reached.
// What needs the table (404 for another organisation's ticket, 409, 412 races, ...) is proven
// against DynamoDB Local in the integration tests, not with a stand-in store.
const unreachable = (what: string) => new Proxy({}, { get: (_t, name) => () => { throw new Error(`${what}.${String(name)} was reached`); } });
const NO_IO = { tickets: unreachable('tickets'), directory: unreachable('directory'), policies: unreachable('policies'), now: () => { throw new Error('now was read'); }, newId: () => { throw new Error('newId was called'); } } as unknown as Deps;

type RouteModule = { handler: HttpHandler } & Record<string, unknown>;
const modules: Record<string, RouteModule> = {};
const factory = (entry: string) => Object.values(modules[entry]!).find((v) => typeof v === 'function' && v !== modules[entry]!.handler) as (deps: Deps) => HttpHandler;

beforeAll(async () => {
  vi.stubEnv('TABLE_NAME', 'unit-tests'); // the live wiring reads it at import
  for (const route of ROUTES) {
    const url = new URL(`../../../functions/handlers/http/${route.entry}.js`, import.meta.url).href;
    modules[route.entry] = (await import(/* @vite-ignore */ url)) as RouteModule;
  }
});

const call = (entry: string, over: Parameters<typeof anHttpEvent>[0]) => factory(entry)(NO_IO)(anHttpEvent(over));
const CUSTOMER = claimsFor('customer', 'acme');
const ADMIN = claimsFor('admin');

describe('every route exports handler and a make…Handler factory', () => {
  it.each(ROUTES.map((r) => r.entry))('%s', (entry) => {
    expect(typeof modules[entry]!.handler).toBe('function');
    expect(Object.keys(modules[entry]!).some((k) => /^make\w+Handler$/.test(k))).toBe(true);
  });
});

describe('no token: 401 problem on every authenticated route, through the live handler', () => {
  it.each(ROUTES.filter((r) => r.auth).map((r) => [r.method, r.path, r.entry] as const))('%s %s', async (method, path, entry) => {
    const res = await modules[entry]!.handler(anHttpEvent({ method, path, claims: undefined }));
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toBe('application/problem+json');
  });
});

describe('bad path ids are 404, like unknown ones, without a read', () => {
  it.each(ROUTES.filter((r) => r.path.startsWith('/tickets/{id}')).map((r) => r.entry))('%s', async (entry) => {
    for (const id of ['not-a-uuid', '', '../../etc', `${TICKET_ID}x`]) {
      const res = await call(entry, { pathParameters: { id }, claims: CUSTOMER, headers: { 'if-match': '"1"' }, body: { body: 'x' } });
      expect(res.statusCode, id).toBe(404);
    }
  });
  it.each(ROUTES.filter((r) => r.path.startsWith('/organisations/{id}')).map((r) => r.entry))('%s', async (entry) => {
    const res = await call(entry, { pathParameters: { id: 'Not_An_Org', email: 'dana@acme.example' }, claims: ADMIN, body: { name: 'x' } });
    expect(res.statusCode).toBe(404);
  });
  it('a contact email that is not an email is 404', async () => {
    const res = await call('delete-contact', { pathParameters: { id: 'acme', email: 'nobody' }, claims: ADMIN });
    expect(res.statusCode).toBe(404);
  });
});

describe('bad bodies are 4xx problems naming the field, before anything is read', () => {
  const create = (body: unknown, headers: Record<string, string> = {}) => call('create-ticket', { claims: CUSTOMER, body, headers, pathParameters: undefined });
  const valid = { type: 'incident', severity: 'high', subject: 'Reload fails', description: 'Since Sunday' };
  it('malformed JSON is 400', async () => expect((await create('{"type":')).statusCode).toBe(400));
  it('a body over 64 KiB is 413', async () => expect((await create({ ...valid, description: 'x'.repeat(70_000) })).statusCode).toBe(413));
  it('an unknown field is 400 naming it', async () => {
    const res = await create({ ...valid, priority: 'P1' });
    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).errors).toEqual([{ path: 'priority', message: 'unknown field' }]);
  });
  it('missing and wrong-typed fields are 400 naming each', async () => {
    const res = await create({ type: 'incident', severity: 3, outage: 'yes' });
    expect(bodyOf(res).errors.map((e: { path: string }) => e.path).sort()).toEqual(['description', 'outage', 'severity', 'subject']);
  });
  it('a malformed Idempotency-Key is 400 naming the header', async () => {
    const res = await create(valid, { 'idempotency-key': 'has spaces in it' });
    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).errors[0].path).toBe('Idempotency-Key');
  });
});

describe('preconditions and roles decided at the edge', () => {
  const onTicket = { pathParameters: { id: TICKET_ID } };
  it('PATCH without If-Match is 428', async () => {
    const res = await call('update-ticket', { ...onTicket, claims: claimsFor('agent-tier1'), body: { outage: true } });
    expect(res.statusCode).toBe(428);
  });
  it('R-TKT-5: a severity without its reason is 400 naming severityReason', async () => {
    const res = await call('update-ticket', { ...onTicket, claims: claimsFor('agent-tier1'), headers: { 'if-match': '"3"' }, body: { severity: 'urgent' } });
    expect(bodyOf(res).errors[0].path).toBe('severityReason');
  });
  it('the administrator reads tickets but does not work them (403)', async () => {
    expect((await call('add-message', { ...onTicket, claims: ADMIN, body: { body: 'hello' } })).statusCode).toBe(403);
    expect((await call('create-ticket', { claims: ADMIN, pathParameters: undefined, body: { type: 'incident', severity: 'high', subject: 's', description: 'd', organisationId: 'acme' } })).statusCode).toBe(403);
  });
  it('R-CLOSE-2: the center does not decide on a solution for the customer (403)', async () => {
    expect((await call('decide-resolution', { ...onTicket, claims: claimsFor('agent-tier2'), body: { decision: 'confirm' } })).statusCode).toBe(403);
  });
  it('the directory is not for customers or agents (403), nor its changes for support managers', async () => {
    expect((await call('list-organisations', { claims: CUSTOMER })).statusCode).toBe(403);
    expect((await call('get-organisation', { pathParameters: { id: 'acme' }, claims: claimsFor('agent-tier1') })).statusCode).toBe(403);
    expect((await call('put-contact', { pathParameters: { id: 'acme', email: 'dana@acme.example' }, claims: claimsFor('support-manager'), body: { name: 'Dana' } })).statusCode).toBe(403);
  });
  it('PUT /organisations/{id} with another id in the body is 400 naming id', async () => {
    const org = { id: 'globex', name: 'Globex', kind: 'direct', subscription: null };
    const res = await call('put-organisation', { pathParameters: { id: 'acme' }, claims: ADMIN, body: org });
    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).errors[0].path).toBe('id');
  });
  it('list: a bad limit, an unknown parameter or a bad cursor is 400', async () => {
    const queries: Record<string, string>[] = [{ limit: '0' }, { limit: 'many' }, { page: '2' }, { cursor: 'bm90LW91cnM' }];
    for (const query of queries) {
      const res = await call('list-tickets', { claims: CUSTOMER, query, pathParameters: undefined });
      expect(res.statusCode, JSON.stringify(query)).toBe(400);
    }
  });
});
