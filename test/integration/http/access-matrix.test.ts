// Who may do what, route by route, through the real handlers on DynamoDB Local. The matrix is
// generated from routes.ts: a route without a row here fails, and so does a row without a route.
// A ticket the caller may not see is 404, never 403 (its existence is not the caller's business);
// a role not allowed a command on a ticket it does see is 403; no token is 401.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createArticle, publishArticle } from '../../../functions/domain/kb/index.js';
import type { Role } from '../../../functions/handlers/http/caller.js';
import { ROUTES } from '../../../functions/handlers/http/routes.js';
import { loadRouteModules, makeApi, manualClock, routeKey, type Api, type ApiRequest, type Identity } from '../../support/http-api.js';
import { useDynamoDbLocal } from '../../support/dynamodb.js';
import { ORGS, PEOPLE, SUN_0900, seedWorld } from '../../support/world.js';

const db = useDynamoDbLocal();
let api: Api;

beforeAll(async () => {
  api = makeApi(await loadRouteModules(), db.client, db.tableName, manualClock(SUN_0900));
  await seedWorld(api.deps.directory);
});

const ROLES = ['customer', 'partner', 'agent-tier1', 'agent-tier2', 'agent-tier3', 'support-manager', 'customer-officer', 'admin'] as const satisfies readonly Role[];
const CALLERS: Record<Role, Identity> = {
  customer: PEOPLE.dana, partner: PEOPLE.pat, 'agent-tier1': PEOPLE.tier1, 'agent-tier2': PEOPLE.tier2, 'agent-tier3': PEOPLE.tier3,
  'support-manager': PEOPLE.manager, 'customer-officer': PEOPLE.officer, admin: PEOPLE.admin,
};

/**
 * The three organisations each caller is tried against: its own, another organisation, and a
 * partner's customer (Contoso, served by the partner Northwind). The center has no organisation
 * of its own: its "own" column is Acme, a direct customer.
 */
type Context = 'own' | 'other' | 'partnersCustomer';
const CONTEXTS: readonly Context[] = ['own', 'other', 'partnersCustomer'];
const orgFor = (role: Role, context: Context): string =>
  context === 'other' ? ORGS.globex.id : context === 'partnersCustomer' ? ORGS.contoso.id : CALLERS[role].organisation ?? ORGS.acme.id;

/** Who opens a ticket for an organisation (R-PARTY-2: the partner opens for its customer). */
const OPENERS: Record<string, Identity> = { acme: PEOPLE.dana, globex: PEOPLE.gil, northwind: PEOPLE.pat, contoso: PEOPLE.pat };

async function openTicket(orgId: string, state: 'new' | 'resolved' = 'new'): Promise<string> {
  const opener = OPENERS[orgId]!;
  const res = await api.call('POST /tickets', { as: opener, body: { type: 'incident', severity: 'normal', subject: `Matrix ticket of ${orgId}`, description: 'Reports are empty', organisationId: orgId } });
  expect(res.statusCode, JSON.stringify(res.json)).toBe(201);
  if (state === 'resolved') {
    const resolved = await api.call('POST /tickets/{id}/transitions', { as: PEOPLE.tier1, params: { id: res.json.id }, body: { to: 'resolved', solution: 'Rebuilt the index' } });
    expect(resolved.statusCode).toBe(200);
  }
  return res.json.id;
}

/** Tickets that reads share, one per organisation; commands get a fresh ticket each. */
const shared = new Map<string, Promise<string>>();
const sharedTicket = (orgId: string) => shared.get(orgId) ?? (shared.set(orgId, openTicket(orgId)), shared.get(orgId)!);

/**
 * How each route is called for an organisation: the request a caller allowed to would make
 * successfully. Commands on tickets use `If-Match: *` where they need one, and a body every
 * party could send; who may send it is then the only thing that varies.
 */
const REQUESTS: Record<string, (orgId: string) => Promise<ApiRequest>> = {
  'POST /tickets': async (orgId) => ({ body: { type: 'service-request', severity: 'normal', subject: 'Upgrade to May release', description: 'Please plan it', organisationId: orgId } }),
  'GET /tickets': async (orgId) => ({ query: { organisationId: orgId } }),
  'GET /tickets/{id}': async (orgId) => ({ params: { id: await sharedTicket(orgId) } }),
  'PATCH /tickets/{id}': async (orgId) => ({ params: { id: await openTicket(orgId) }, headers: { 'if-match': '*' }, body: { outage: true } }),
  'POST /tickets/{id}/messages': async (orgId) => ({ params: { id: await openTicket(orgId) }, body: { body: 'Any news?' } }),
  'POST /tickets/{id}/transitions': async (orgId) => ({ params: { id: await openTicket(orgId) }, body: { to: 'in-progress' } }),
  'POST /tickets/{id}/resolution': async (orgId) => ({ params: { id: await openTicket(orgId, 'resolved') }, body: { decision: 'confirm' } }),
  'POST /tickets/{id}/escalations': async (orgId) => ({ params: { id: await openTicket(orgId) }, body: { kind: 'internal', reason: 'Needs a senior agent' } }),
  'POST /tickets/{id}/work': async (orgId) => {
    const id = await openTicket(orgId);
    const openedAt = api.clock.now();
    api.clock.advanceMinutes(60); // the work must have ended by now
    return { params: { id }, body: { startedAt: openedAt, minutes: 30, kind: 'remote' } };
  },
  'GET /tickets/{id}/work': async (orgId) => ({ params: { id: await sharedTicket(orgId) } }),
  'GET /organisations/{id}/statements/{month}': async (orgId) => ({ params: { id: orgId, month: '2026-06' } }),
  'POST /organisations/{id}/statements/{month}/close': async (orgId) => ({ params: { id: orgId, month: `${1971 + ++closedMonths}-01` } }), // an ended month, never closed before
  'GET /organisations/{id}/report': async (orgId) => ({ params: { id: orgId }, query: { from: '2026-06-01T00:00:00Z', to: '2026-07-01T00:00:00Z' } }),
  'GET /reports/compliance': async () => ({ query: { from: '2026-06-01T00:00:00Z', to: '2026-07-01T00:00:00Z' } }),
  'POST /organisations/{id}/report-emails': async (orgId) => ({ params: { id: orgId }, body: { from: '2026-06-01T00:00:00Z', to: '2026-07-01T00:00:00Z' } }),
  'GET /organisations/{id}/report-subscriptions': async (orgId) => ({ params: { id: orgId } }),
  // A fresh contact each time: the center subscribes contacts; a customer-side person only itself (403 here).
  'PUT /organisations/{id}/report-subscriptions/{email}': async (orgId) => ({ params: { id: orgId, email: await aContact(orgId) }, body: { frequency: 'weekly' } }),
  'DELETE /organisations/{id}/report-subscriptions/{email}': async (orgId) => {
    const email = await aContact(orgId);
    await api.deps.directory.putReportSubscription({ organisationId: orgId, email, name: 'Reader', language: 'en', frequency: 'monthly', createdAt: SUN_0900 });
    return { params: { id: orgId, email } };
  },
  'GET /organisations': async () => ({ query: { limit: '50' } }),
  'GET /organisations/{id}': async (orgId) => ({ params: { id: orgId } }),
  'PUT /organisations/{id}': async (orgId) => ({ params: { id: orgId }, headers: { 'if-match': '*' }, body: ORGS[orgId as keyof typeof ORGS] }),
  'GET /organisations/{id}/contacts': async (orgId) => ({ params: { id: orgId } }),
  'PUT /organisations/{id}/contacts/{email}': async (orgId) => ({ params: { id: orgId, email: `new.${++seq}@${orgId}.example` }, body: { name: 'New Person', language: 'en' } }),
  'DELETE /organisations/{id}/contacts/{email}': async (orgId) => {
    const email = `leaver.${++seq}@${orgId}.example`;
    await api.deps.directory.putContact({ email, organisationId: orgId, name: 'Leaver', language: 'he', unreachable: false });
    return { params: { id: orgId, email } };
  },
  'GET /openapi.json': async () => ({}),
  // The knowledge base (R-KB-1): a `customers` article for reads; a fresh article for each command.
  'POST /articles': async () => ({ body: { title: 'Reload tasks', body: 'Schedule them at night.', language: 'en', visibility: 'public' } }),
  'GET /articles': async () => ({ query: { q: 'reload' } }),
  'GET /articles/{id}': async () => ({ params: { id: await sharedArticle() } }),
  'PUT /articles/{id}': async () => ({ params: { id: await anArticle('draft') }, headers: { 'if-match': '*' }, body: { title: 'Reload tasks', body: 'Version 2', language: 'en', visibility: 'customers' } }),
  'POST /articles/{id}/publish': async () => ({ params: { id: await anArticle('draft') } }),
  'POST /articles/{id}/withdraw': async () => ({ params: { id: await anArticle('published') } }),
  'POST /articles/{id}/feedback': async () => ({ params: { id: await sharedArticle() }, body: { helpful: true } }),
  'POST /tickets/{id}/articles': async (orgId) => ({ params: { id: await openTicket(orgId) }, body: { articleId: await sharedArticle('public') } }),
  'GET /queue': async (orgId) => ({ query: { organisationId: orgId, limit: '5' } }),
  'GET /policy': async () => ({ query: { versions: 'charter-1' } }),
  'GET /calendar': async () => ({ query: { from: '2026-09-01', to: '2026-10-31' } }),
  'POST /uploads': async () => ({ body: { fileName: 'reload.log', contentType: 'text/plain', size: 12 } }),
  'GET /uploads/limits': async () => ({}),
  'GET /tickets/{id}/attachments/{attachmentId}': async (orgId) => ({ params: await sharedAttachment(orgId) }),
};
/** An article written straight into the store (the API's own writes are what the matrix tests). */
async function anArticle(status: 'draft' | 'published', visibility: 'public' | 'customers' = 'customers'): Promise<string> {
  const created = createArticle(randomUUID(), { title: 'Licences', body: 'Assign them under **Allocations**.', html: '<p>Assign them under <strong>Allocations</strong>.</p>\n', summary: 'Assign them under Allocations.', language: 'en', visibility, tags: [] }, 'manager@center.example', SUN_0900);
  await api.deps.articles.save(created, 0);
  if (status === 'published') await api.deps.articles.save(publishArticle(created.article, 'manager@center.example', SUN_0900), 1);
  return created.article.id;
}
const articles = new Map<string, Promise<string>>();
const sharedArticle = (visibility: 'public' | 'customers' = 'customers') => articles.get(visibility) ?? (articles.set(visibility, anArticle('published', visibility)), articles.get(visibility)!);
/** A ticket per organisation whose description carries a file its opener uploaded. */
const attached = new Map<string, Promise<{ id: string; attachmentId: string }>>();
const sharedAttachment = (orgId: string) => attached.get(orgId) ?? (attached.set(orgId, (async () => {
  const opener = OPENERS[orgId]!;
  const bytes = Buffer.from('reload log\n');
  const upload = await api.call('POST /uploads', { as: opener, body: { fileName: 'reload.log', contentType: 'text/plain', size: bytes.length } });
  const url = new URL(upload.json.uploadUrl);
  const key = decodeURIComponent(url.pathname.replace('/_local/objects/', ''));
  expect((await api.objects.serve('PUT', key, url.searchParams, 'text/plain', bytes, api.clock.now())).status).toBe(200);
  const res = await api.call('POST /tickets', { as: opener, body: { type: 'incident', severity: 'normal', subject: 'With a log', description: 'Attached', organisationId: orgId, attachments: [upload.json.uploadId] } });
  expect(res.statusCode, JSON.stringify(res.json)).toBe(201);
  return { id: res.json.id as string, attachmentId: upload.json.uploadId as string };
})()), attached.get(orgId)!);
let seq = 0;
let closedMonths = 0;
const aContact = async (orgId: string) => {
  const email = `reader.${++seq}@${orgId}.example`;
  await api.deps.directory.putContact({ email, organisationId: orgId, name: 'Reader', language: 'en', unreachable: false });
  return email;
};

type Cells = readonly [own: number, other: number, partnersCustomer: number];
type Row = { none: number } & Record<Role, Cells>;

/** One row per route: the answer with no token, then each role against [own, other, partner's customer]. */
const row = (none: number, customer: Cells, partner: Cells, tier1: Cells, tier2: Cells, tier3: Cells, manager: Cells, officer: Cells, admin: Cells): Row => ({
  none, customer, partner, 'agent-tier1': tier1, 'agent-tier2': tier2, 'agent-tier3': tier3, 'support-manager': manager, 'customer-officer': officer, admin,
});
const all = (code: number): Cells => [code, code, code];

// prettier-ignore
const MATRIX: Record<string, Row> = {
  //                                               none  customer         partner          tier1     tier2     tier3     manager   officer   admin
  'POST /tickets':                             row(401, [201, 400, 400], [201, 400, 201], all(201), all(201), all(201), all(201), all(201), all(403)),
  'GET /tickets':                              row(401, all(200),        all(200),        all(200), all(200), all(200), all(200), all(200), all(200)),
  'GET /tickets/{id}':                         row(401, [200, 404, 404], [200, 404, 200], all(200), all(200), all(200), all(200), all(200), all(200)),
  'PATCH /tickets/{id}':                       row(401, [403, 404, 404], [403, 404, 403], all(200), all(200), all(200), all(200), all(200), all(403)),
  'POST /tickets/{id}/messages':               row(401, [200, 404, 404], [200, 404, 200], all(200), all(200), all(200), all(200), all(200), all(403)),
  'POST /tickets/{id}/transitions':            row(401, [403, 404, 404], [403, 404, 403], all(200), all(200), all(200), all(200), all(200), all(403)),
  'POST /tickets/{id}/resolution':             row(401, [200, 404, 404], [200, 404, 200], all(403), all(403), all(403), all(403), all(403), all(403)),
  'POST /tickets/{id}/escalations':            row(401, [403, 404, 404], [403, 404, 403], all(200), all(200), all(200), all(200), all(200), all(403)),
  'POST /tickets/{id}/work':                   row(401, [403, 404, 404], [403, 404, 403], all(201), all(201), all(201), all(201), all(201), all(403)),
  'GET /tickets/{id}/work':                    row(401, all(403),        all(403),        all(200), all(200), all(200), all(200), all(200), all(200)),
  'GET /organisations/{id}/statements/{month}': row(401, [200, 404, 404], [200, 404, 404], all(403), all(403), all(403), all(200), all(200), all(200)),
  'POST /organisations/{id}/statements/{month}/close': row(401, all(403), all(403),       all(403), all(403), all(403), all(201), all(403), all(201)),
  'GET /organisations/{id}/report':            row(401, [200, 404, 404], [200, 404, 200], all(200), all(200), all(200), all(200), all(200), all(200)),
  'GET /reports/compliance':                   row(401, all(403),        all(403),        all(403), all(403), all(403), all(200), all(200), all(200)),
  'POST /organisations/{id}/report-emails':    row(401, [202, 404, 404], [202, 404, 202], all(202), all(202), all(202), all(202), all(202), all(202)),
  'GET /organisations/{id}/report-subscriptions': row(401, [200, 404, 404], [200, 404, 200], all(403), all(403), all(403), all(200), all(200), all(200)),
  'PUT /organisations/{id}/report-subscriptions/{email}': row(401, [403, 404, 404], [403, 404, 403], all(403), all(403), all(403), all(201), all(201), all(201)),
  'DELETE /organisations/{id}/report-subscriptions/{email}': row(401, [403, 404, 404], [403, 404, 403], all(403), all(403), all(403), all(204), all(204), all(204)),
  'GET /organisations':                        row(401, all(403),        all(200),        all(403), all(403), all(403), all(200), all(403), all(200)), // a partner: its own customers (R-PARTY-2)
  'GET /organisations/{id}':                   row(401, all(403),        all(403),        all(403), all(403), all(403), all(200), all(403), all(200)),
  'PUT /organisations/{id}':                   row(401, all(403),        all(403),        all(403), all(403), all(403), all(403), all(403), all(200)),
  'GET /organisations/{id}/contacts':          row(401, all(403),        all(403),        all(403), all(403), all(403), all(200), all(403), all(200)),
  'PUT /organisations/{id}/contacts/{email}':  row(401, all(403),        all(403),        all(403), all(403), all(403), all(403), all(403), all(201)),
  'DELETE /organisations/{id}/contacts/{email}': row(401, all(403),      all(403),        all(403), all(403), all(403), all(403), all(403), all(204)),
  'GET /openapi.json':                         row(200, all(200),        all(200),        all(200), all(200), all(200), all(200), all(200), all(200)),
  // R-KB-1: agents and support managers write; anyone reads what its visibility allows (here a `customers` article).
  'POST /articles':                            row(401, all(403),        all(403),        all(201), all(201), all(201), all(201), all(403), all(403)),
  'GET /articles':                             row(200, all(200),        all(200),        all(200), all(200), all(200), all(200), all(200), all(200)),
  'GET /articles/{id}':                        row(404, all(200),        all(200),        all(200), all(200), all(200), all(200), all(200), all(200)),
  'PUT /articles/{id}':                        row(401, all(403),        all(403),        all(200), all(200), all(200), all(200), all(403), all(403)),
  'POST /articles/{id}/publish':               row(401, all(403),        all(403),        all(200), all(200), all(200), all(200), all(403), all(403)),
  'POST /articles/{id}/withdraw':              row(401, all(403),        all(403),        all(200), all(200), all(200), all(200), all(403), all(403)),
  'POST /articles/{id}/feedback':              row(404, all(204),        all(204),        all(204), all(204), all(204), all(204), all(204), all(204)),
  'POST /tickets/{id}/articles':               row(401, [403, 404, 404], [403, 404, 403], all(200), all(200), all(200), all(200), all(200), all(403)),
  'GET /queue':                                row(401, all(403),        all(403),        all(200), all(200), all(200), all(200), all(200), all(200)),
  'GET /policy':                               row(401, all(200),        all(200),        all(200), all(200), all(200), all(200), all(200), all(200)),
  'GET /calendar':                             row(401, all(200),        all(200),        all(200), all(200), all(200), all(200), all(200), all(200)),
  'POST /uploads':                             row(401, all(201),        all(201),        all(201), all(201), all(201), all(201), all(201), all(403)),
  'GET /uploads/limits':                       row(200, all(200),        all(200),        all(200), all(200), all(200), all(200), all(200), all(200)),
  'GET /tickets/{id}/attachments/{attachmentId}': row(401, [200, 404, 404], [200, 404, 200], all(200), all(200), all(200), all(200), all(200), all(200)),
};

describe('the access matrix covers routes.ts exactly', () => {
  it('every route has a row and a request, and every row a route', () => {
    const keys = ROUTES.map(routeKey).sort();
    expect(Object.keys(MATRIX).sort()).toEqual(keys);
    expect(Object.keys(REQUESTS).sort()).toEqual(keys);
  });
});

describe('R-TKT-6, R-PARTY-2: every route, every role, against its own, another and a partner\'s customer\'s organisation, and without a token', () => {
  it.each(ROUTES.map((r) => [routeKey(r)] as const))('%s', async (key) => {
    const expected = MATRIX[key];
    expect(expected, `no access expectations for ${key}: add a row to MATRIX`).toBeDefined();
    const problems: string[] = [];
    const answer = async (req: ApiRequest, as: Identity | null, where: string) => {
      const res = await api.call(key, { ...req, as });
      if (res.statusCode >= 400 && (res.headers['content-type'] !== 'application/problem+json' || res.json?.status !== res.statusCode)) problems.push(`${where}: ${res.statusCode} is not a problem+json`);
      return res.statusCode;
    };
    const actual = { none: await answer(await REQUESTS[key]!(ORGS.acme.id), null, 'no token') } as Row;
    await Promise.all(ROLES.map(async (role) => {
      const cells = await Promise.all(CONTEXTS.map(async (context) => answer(await REQUESTS[key]!(orgFor(role, context)), CALLERS[role], `${role}/${context}`)));
      actual[role] = cells as unknown as Cells;
    }));
    expect(actual).toEqual(expected);
    expect(problems).toEqual([]);
  });
});

describe('R-TKT-6: the opener, its organisation and its partner follow a ticket; internal notes excepted', () => {
  let ticketId: string;
  beforeAll(async () => {
    ticketId = await openTicket(ORGS.contoso.id); // opened by the partner for its customer
    const params = { id: ticketId };
    expect((await api.call('POST /tickets/{id}/messages', { as: PEOPLE.tier1, params, body: { body: 'We are on it', visibility: 'public' } })).statusCode).toBe(200);
    expect((await api.call('POST /tickets/{id}/messages', { as: PEOPLE.tier2, params, body: { body: 'Customer DB is 3 versions behind', visibility: 'internal' } })).statusCode).toBe(200);
    expect((await api.call('POST /tickets/{id}/escalations', { as: PEOPLE.tier1, params, body: { kind: 'internal', reason: 'Tier 2 knows the ETL' } })).statusCode).toBe(200);
  });
  const read = (as: Identity) => api.call('GET /tickets/{id}', { as, params: { id: ticketId } });

  it.each([['the customer', PEOPLE.tom], ['its partner', PEOPLE.pat]])('R-TKT-6: %s sees the public replies, never an internal note, its history or the tier', async (_who, as) => {
    const res = await read(as);
    expect(res.statusCode).toBe(200);
    expect(res.json.messages.map((m: any) => m.body).sort()).toEqual(['Reports are empty', 'We are on it']); // same instant: no order between them
    expect(res.json.messages.every((m: any) => m.visibility === 'public')).toBe(true);
    expect(res.json.history.map((h: any) => h.type)).not.toContain('note-added');
    expect(res.json.history.map((h: any) => h.type)).not.toContain('escalated'); // R-ESC-1 is the center's business
    expect(res.json).not.toHaveProperty('tier');
    expect(res.body).not.toContain('3 versions behind');
  });

  it('R-TKT-6: the center sees the internal note, its history entry and the tier', async () => {
    const res = await read(PEOPLE.tier3);
    expect(res.json.messages.filter((m: any) => m.visibility === 'internal').map((m: any) => m.body)).toEqual(['Customer DB is 3 versions behind']);
    expect(res.json.history.map((h: any) => h.type)).toContain('note-added');
    expect(res.json.tier).toBe(2);
  });

  it('R-TKT-6: a customer or partner of another organisation is answered 404', async () => {
    for (const as of [PEOPLE.dana, PEOPLE.fay]) {
      const res = await read(as);
      expect(res.statusCode).toBe(404);
      expect(res.json).toMatchObject({ status: 404 });
    }
  });

  it('R-TKT-6: a customer may not write an internal note on its own ticket (403)', async () => {
    const res = await api.call('POST /tickets/{id}/messages', { as: PEOPLE.tom, params: { id: ticketId }, body: { body: 'psst', visibility: 'internal' } });
    expect(res.statusCode).toBe(403);
    expect(res.json.errors).toEqual([expect.objectContaining({ path: 'visibility' })]);
  });
});

describe('R-PARTY-2: a partner lists its own and its customers\' tickets in GET /tickets', () => {
  const idsOf = async (as: Identity, query: Record<string, string> = {}) => {
    const res = await api.call('GET /tickets', { as, query: { limit: '100', ...query } });
    expect(res.statusCode).toBe(200);
    return res.json.items.map((t: any) => t.organisationId) as string[];
  };
  beforeAll(async () => {
    for (const org of ['acme', 'globex', 'northwind', 'contoso']) await openTicket(org);
  });

  it("R-PARTY-2: the partner's list holds its own and its customers' tickets, and nobody else's", async () => {
    const orgs = new Set(await idsOf(PEOPLE.pat));
    expect([...orgs].sort()).toEqual(['contoso', 'northwind']);
    expect(new Set(await idsOf(PEOPLE.pat, { organisationId: 'contoso' }))).toEqual(new Set(['contoso']));
  });

  it("R-PARTY-2: another organisation's tickets are an empty page for the partner, and its customers' are not another partner's", async () => {
    expect(await idsOf(PEOPLE.pat, { organisationId: 'globex' })).toEqual([]);
    expect(await idsOf(PEOPLE.fay)).toEqual([]);
    expect(await idsOf(PEOPLE.fay, { organisationId: 'contoso' })).toEqual([]);
  });

  it("R-TKT-6: a customer lists only its organisation's tickets, not its partner's", async () => {
    expect(new Set(await idsOf(PEOPLE.tom))).toEqual(new Set(['contoso']));
    expect(new Set(await idsOf(PEOPLE.dana))).toEqual(new Set(['acme']));
    expect(await idsOf(PEOPLE.dana, { organisationId: 'contoso' })).toEqual([]);
  });
});
