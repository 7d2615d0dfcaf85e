// Idempotency-Key on every POST that changes a ticket, through the real handlers and DynamoDB
// Local: the key's record is written in the same transaction as the command's effect, so a retry
// (after a timeout, or racing its twin) gets the first answer back and writes nothing twice.
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../../functions/handlers/http/routes.js';
import { loadRouteModules, makeApi, routeKey, type Api, type ApiRequest, type ApiResponse, type Identity } from '../../support/http-api.js';
import { useDynamoDbLocal } from '../../support/dynamodb.js';
import { PEOPLE, SUN_0900, seedWorld } from '../../support/world.js';

const db = useDynamoDbLocal();
let api: Api;
let ms = Date.parse(SUN_0900); // the clock: one second per reading, so history follows commit order

beforeAll(async () => {
  api = makeApi(await loadRouteModules(), db.client, db.tableName, { now: () => SUN_0900, set: () => {}, advanceMinutes: () => SUN_0900 });
  api.clock.now = () => new Date((ms += 1000)).toISOString();
  await seedWorld(api.deps.directory);
});

const openTicket = async (as: Identity = PEOPLE.dana): Promise<string> => {
  const res = await api.call('POST /tickets', { as, body: { type: 'incident', severity: 'high', subject: 'Reload fails', description: 'Since Sunday.' } });
  expect(res.statusCode).toBe(201);
  return res.json.id as string;
};
const ticket = async (id: string) => (await api.call('GET /tickets/{id}', { as: PEOPLE.tier1, params: { id } })).json;
const withKey = (key: string, req: ApiRequest): ApiRequest => ({ ...req, headers: { ...req.headers, 'idempotency-key': key } });
const expectReplay = (again: ApiResponse, first: ApiResponse) => {
  expect(again.statusCode).toBe(first.statusCode);
  expect(again.body).toBe(first.body);
  expect(again.headers['idempotent-replayed']).toBe('true');
  expect(again.headers.etag).toBe(first.headers.etag);
};

describe('Idempotency-Key on a reply', () => {
  it('a reply retried with one key is recorded once, and the retry gets the first answer', async () => {
    const id = await openTicket();
    const reply = withKey('reply-1', { as: PEOPLE.tier1, params: { id }, body: { body: 'Looking at it.' } });
    const first = await api.call('POST /tickets/{id}/messages', reply);
    expect(first.statusCode).toBe(200);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await api.call('POST /tickets/{id}/messages', reply);
    expectReplay(again, first);
    const after = await ticket(id);
    expect(after.messages.filter((m: any) => m.body === 'Looking at it.')).toHaveLength(1);
    expect(after.version).toBe(first.json.version);
  });

  it('ten concurrent retries with one key write once, and all get the one answer', async () => {
    const id = await openTicket();
    const before = (await ticket(id)).version as number;
    const reply = withKey('burst-1', { as: PEOPLE.tier2, params: { id }, body: { body: 'On it, ten times.' } });
    const answers = await Promise.all(Array.from({ length: 10 }, () => api.call('POST /tickets/{id}/messages', reply)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(10).fill(200));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
    const after = await ticket(id);
    expect(after.messages.filter((m: any) => m.body === 'On it, ten times.')).toHaveLength(1);
    expect(after.version).toBe(before + 1);
  });

  it('without a key, two identical replies are two replies (the key is what makes a retry)', async () => {
    const id = await openTicket();
    const reply = { as: PEOPLE.tier1, params: { id }, body: { body: 'Twice on purpose.' } };
    await api.call('POST /tickets/{id}/messages', reply);
    await api.call('POST /tickets/{id}/messages', reply);
    expect((await ticket(id)).messages.filter((m: any) => m.body === 'Twice on purpose.')).toHaveLength(2);
  });

  it('the same key with another body, or on another ticket, is a 422 naming Idempotency-Key, and writes nothing', async () => {
    const id = await openTicket();
    const other = await openTicket();
    await api.call('POST /tickets/{id}/messages', withKey('reuse-1', { as: PEOPLE.tier1, params: { id }, body: { body: 'First.' } }));
    const version = (await ticket(id)).version;
    for (const req of [
      withKey('reuse-1', { as: PEOPLE.tier1, params: { id }, body: { body: 'Second.' } }),
      withKey('reuse-1', { as: PEOPLE.tier1, params: { id: other }, body: { body: 'First.' } }),
    ]) {
      const res = await api.call('POST /tickets/{id}/messages', req);
      expect(res.statusCode).toBe(422);
      expect(res.json.errors).toEqual([expect.objectContaining({ path: 'Idempotency-Key' })]);
    }
    expect((await ticket(id)).version).toBe(version);
    expect((await ticket(other)).messages.filter((m: any) => m.body === 'First.')).toHaveLength(0);
  });

  it("a key is the caller's own: a colleague's same key is a reply of its own", async () => {
    const id = await openTicket();
    await api.call('POST /tickets/{id}/messages', withKey('shared', { as: PEOPLE.tier1, params: { id }, body: { body: 'Same words.' } }));
    const theirs = await api.call('POST /tickets/{id}/messages', withKey('shared', { as: PEOPLE.tier2, params: { id }, body: { body: 'Same words.' } }));
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect((await ticket(id)).messages.filter((m: any) => m.body === 'Same words.')).toHaveLength(2);
  });

  it('R-CLOSE-5: a reply to a closed ticket retried with one key opens one follow-up ticket', async () => {
    const id = await openTicket();
    await api.call('POST /tickets/{id}/transitions', { as: PEOPLE.tier1, params: { id }, body: { to: 'resolved', solution: 'Raised the timeout.' } });
    expect((await api.call('POST /tickets/{id}/resolution', { as: PEOPLE.dana, params: { id }, body: { decision: 'confirm' } })).json.status).toBe('closed');
    const reply = withKey('follow-up-1', { as: PEOPLE.dana, params: { id }, body: { body: 'It is back.' } });
    const answers = await Promise.all([api.call('POST /tickets/{id}/messages', reply), api.call('POST /tickets/{id}/messages', reply)]);
    const again = await api.call('POST /tickets/{id}/messages', reply);
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201]);
    expect(new Set([...answers, again].map((a) => a.json.id)).size).toBe(1);
    const list = await api.call('GET /tickets', { as: PEOPLE.dana, query: { limit: '100' } });
    expect(list.json.items.filter((t: any) => t.linkedTicketId === id)).toHaveLength(1);
  });
});

// Every POST that changes a ticket, with a request that succeeds on a fresh ticket. A new route
// under /tickets/{id}/ without a row here fails the first test: it must honour the key too.
let linkedArticleId = '';
const COMMANDS: Record<string, { as: Identity; body: unknown | ((opened: any) => unknown); prepare?: (id: string) => Promise<void> }> = {
  'POST /tickets/{id}/messages': { as: PEOPLE.tier1, body: { body: 'A reply.' } },
  'POST /tickets/{id}/transitions': { as: PEOPLE.tier1, body: { to: 'pending-customer', reason: 'Please send the log.' } },
  'POST /tickets/{id}/resolution': {
    as: PEOPLE.dana, body: { decision: 'reject', reason: 'Still failing.' },
    prepare: async (id) => { await api.call('POST /tickets/{id}/transitions', { as: PEOPLE.tier1, params: { id }, body: { to: 'resolved', solution: 'Restarted it.' } }); },
  },
  'POST /tickets/{id}/escalations': { as: PEOPLE.tier1, body: { kind: 'internal', reason: 'Needs tier 2.' } },
  // R-KB-1: linking a published article (one, made on first use).
  'POST /tickets/{id}/articles': {
    as: PEOPLE.tier1, body: () => ({ articleId: linkedArticleId }),
    prepare: async () => {
      if (linkedArticleId) return;
      const made = await api.call('POST /articles', { as: PEOPLE.tier1, body: { title: 'Reload tasks', body: 'Schedule them at night.', language: 'en', visibility: 'public' } });
      linkedArticleId = made.json.id as string;
      expect((await api.call('POST /articles/{id}/publish', { as: PEOPLE.tier1, params: { id: linkedArticleId } })).statusCode).toBe(200);
    },
  },
  'POST /tickets/{id}/work': {
    as: PEOPLE.tier1, body: (opened: any) => ({ startedAt: opened.createdAt, minutes: 30, kind: 'remote' }),
    prepare: async () => { ms += 3_600_000; }, // the work has ended by now
  },
};
const TICKET_POSTS = ROUTES.filter((r) => r.method === 'POST' && r.path.startsWith('/tickets/{id}/')).map(routeKey);

describe('Idempotency-Key on every POST that changes a ticket', () => {
  it('every such route has a case here', () => {
    expect(Object.keys(COMMANDS).sort()).toEqual([...TICKET_POSTS].sort());
  });

  it.each(TICKET_POSTS)('%s: three concurrent retries and one late retry write once and answer as the first did', async (key) => {
    const command = COMMANDS[key]!;
    const id = await openTicket();
    await command.prepare?.(id);
    const opened = await ticket(id);
    const before = opened.version as number;
    const body = typeof command.body === 'function' ? command.body(opened) : command.body;
    const req = withKey(`every${key.replace(/\W+/g, '-')}`, { as: command.as, params: { id }, body });
    const answers = await Promise.all([api.call(key, req), api.call(key, req), api.call(key, req)]);
    const [first] = answers.filter((a) => a.headers['idempotent-replayed'] === undefined);
    expect(first?.statusCode, first?.body).toBeLessThan(300);
    for (const a of [...answers, await api.call(key, req)]) expect(a.body).toBe(first!.body);
    expect((await ticket(id)).version).toBe(before + 1);
  });
});

describe('the OpenAPI document', () => {
  it('offers Idempotency-Key on every POST that changes a ticket', async () => {
    const doc = (await api.call('GET /openapi.json')).json;
    for (const key of TICKET_POSTS) {
      const [method, path] = key.split(' ') as [string, string];
      const operation = doc.paths[path][method.toLowerCase()];
      expect(operation.parameters.map((p: any) => `${p.in}:${p.name}`), key).toContain('header:Idempotency-Key');
    }
  });
});
