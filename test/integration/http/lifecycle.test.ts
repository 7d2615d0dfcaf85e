// A ticket's life through the HTTP handlers on DynamoDB Local, with a manual clock (deps.now):
// the charter rules issue 3 names, each with a case that passes and one that is refused.
import { beforeAll, describe, expect, it } from 'vitest';
import { computeSlaPreview, defaultPolicy } from '../../../functions/domain/index.js';
import { loadRouteModules, makeApi, manualClock, type Api, type ApiRequest, type Identity } from '../../support/http-api.js';
import { useDynamoDbLocal } from '../../support/dynamodb.js';
import { ORGS, PEOPLE, SUN_0900, seedWorld } from '../../support/world.js';

const db = useDynamoDbLocal();
let api: Api;

beforeAll(async () => {
  api = makeApi(await loadRouteModules(), db.client, db.tableName, manualClock(SUN_0900));
  await seedWorld(api.deps.directory);
});

const FRI_2330 = '2026-06-12T20:30:00.000Z'; // Friday night in Israel: the center is closed
const SAT_0300 = '2026-06-13T00:00:00.000Z';
const YOM_KIPPUR_1200 = '2026-09-21T09:00:00.000Z'; // a closed holiday (R-CAL-2)

type TicketBody = { type?: string; severity?: string; subject?: string; description?: string; outage?: boolean; remoteAccess?: boolean; organisationId?: string };
const ticketBody = (over: TicketBody = {}) => ({ type: 'incident', severity: 'high', subject: 'Night reload fails', description: 'The 02:00 reload stops at 40%', ...over });

async function open(as: Identity = PEOPLE.dana, over: TicketBody = {}) {
  const res = await api.call('POST /tickets', { as, body: ticketBody(over) });
  expect(res.statusCode, JSON.stringify(res.json)).toBe(201);
  return res.json;
}
const get = (as: Identity, id: string) => api.call('GET /tickets/{id}', { as, params: { id } });
const on = (route: string, as: Identity, id: string, req: Omit<ApiRequest, 'as' | 'params'> = {}) => api.call(route, { as, params: { id }, ...req });
const reply = (as: Identity, id: string, body: string, visibility?: 'public' | 'internal') =>
  on('POST /tickets/{id}/messages', as, id, { body: { body, ...(visibility ? { visibility } : {}) } });
const transition = (as: Identity, id: string, body: Record<string, unknown>) => on('POST /tickets/{id}/transitions', as, id, { body });
const patch = (as: Identity, id: string, body: Record<string, unknown>, ifMatch?: string) =>
  on('PATCH /tickets/{id}', as, id, { body, ...(ifMatch ? { headers: { 'if-match': ifMatch } } : {}) });
const decide = (as: Identity, id: string, body: Record<string, unknown>) => on('POST /tickets/{id}/resolution', as, id, { body });
const escalate = (as: Identity, id: string, body: Record<string, unknown>) => on('POST /tickets/{id}/escalations', as, id, { body });
const namesField = (res: { json: any }, field: string) => expect(res.json.errors?.map((e: { path: string }) => e.path)).toContain(field);

async function resolved(as: Identity = PEOPLE.dana) {
  const t = await open(as);
  expect((await transition(PEOPLE.tier1, t.id, { to: 'resolved', solution: 'Raised the reload timeout' })).statusCode).toBe(200);
  return t;
}

describe('R-TKT-1: tickets can be opened 24 hours a day, 7 days a week', () => {
  it.each([['Friday night', FRI_2330], ['Saturday 03:00', SAT_0300], ['Yom Kippur', YOM_KIPPUR_1200]])('R-TKT-1: opened on %s: 201, its clock started then, due from the next opening', async (_when, at) => {
    api.clock.set(at);
    const t = await open();
    expect(t.createdAt).toBe(at);
    expect(t.sla.firstResponse.startAt).toBe(at); // R-SLA-1
    expect(t.sla.firstResponse.dueAt).toBe(computeSlaPreview({ severity: 'high', at, calendar: 'basic', css: false }, defaultPolicy).firstResponseDue);
    expect(t.sla.firstResponse.dueAt > at).toBe(true);
  });

  it('R-TKT-1: the hour never refuses a ticket; an organisation the caller may not open for does (400 naming it)', async () => {
    api.clock.set(SAT_0300);
    const res = await api.call('POST /tickets', { as: PEOPLE.dana, body: ticketBody({ organisationId: 'globex' }) });
    expect(res.statusCode).toBe(400);
    namesField(res, 'organisationId');
  });
});

describe('R-TKT-2: a ticket is an incident or a service request', () => {
  beforeAll(() => api.clock.set(SUN_0900));

  it.each(['incident', 'service-request'])('R-TKT-2: a %s is accepted and keeps its type', async (type) => {
    const t = await open(PEOPLE.dana, { type });
    expect(t.type).toBe(type);
    expect((await get(PEOPLE.dana, t.id)).json.history[0]).toMatchObject({ type: 'ticket-opened', data: { type } });
  });

  it('R-TKT-2, R-SLA-4: a reply starts work on an incident, but not on a service request (its start is agreed)', async () => {
    const incident = await open(PEOPLE.dana, { type: 'incident' });
    const request = await open(PEOPLE.dana, { type: 'service-request' });
    expect((await reply(PEOPLE.tier1, incident.id, 'Looking')).json).toMatchObject({ status: 'in-progress', sla: { contact: expect.any(Object) } });
    const answered = (await reply(PEOPLE.tier1, request.id, 'When may we start?')).json;
    expect(answered.status).toBe('new');
    expect(answered.sla.contact).toBeUndefined();
  });

  it('R-TKT-2: any other type is refused (400 naming type)', async () => {
    const res = await api.call('POST /tickets', { as: PEOPLE.dana, body: ticketBody({ type: 'question' }) });
    expect(res.statusCode).toBe(400);
    namesField(res, 'type');
  });
});

describe('R-TKT-3, R-TKT-4: an agent classifies an incident (vendor or application fault; outage) with If-Match', () => {
  let t: any;
  beforeAll(async () => { api.clock.set(SUN_0900); t = await open(); });

  it('R-TKT-3, R-TKT-4: with the ETag: 200, recorded field by field', async () => {
    const res = await patch(PEOPLE.tier2, t.id, { fault: 'vendor', outage: true }, `"${t.version}"`);
    expect(res.statusCode).toBe(200);
    expect(res.json).toMatchObject({ fault: 'vendor', outage: true, version: t.version + 1 });
    expect(res.headers.etag).toBe(`"${t.version + 1}"`);
    const entry = (await get(PEOPLE.dana, t.id)).json.history.at(-1);
    expect(entry).toMatchObject({ type: 'ticket-updated', data: { changes: { fault: { from: null, to: 'vendor' }, outage: { from: false, to: true } } } });
  });

  it('R-TKT-3, R-TKT-4: without If-Match 428, with a stale one 412, from a customer 403; nothing written', async () => {
    const before = (await get(PEOPLE.tier1, t.id)).json;
    const missing = await patch(PEOPLE.tier2, t.id, { outage: false });
    expect(missing.statusCode).toBe(428);
    namesField(missing, 'If-Match');
    expect((await patch(PEOPLE.tier2, t.id, { outage: false }, '"1"')).statusCode).toBe(412);
    const customer = await patch(PEOPLE.dana, t.id, { fault: 'application' }, '*');
    expect(customer.statusCode).toBe(403);
    namesField(customer, 'fault');
    expect((await get(PEOPLE.tier1, t.id)).json.version).toBe(before.version);
  });
});

describe('R-TKT-5: an agent reclassifies the severity with a reason; targets are recomputed from the opening', () => {
  let t: any;
  beforeAll(async () => { api.clock.set(SUN_0900); t = await open(PEOPLE.dana, { severity: 'normal' }); });

  it('R-TKT-5: urgent two hours later: due as if opened urgent, recorded with the reason for the customer too', async () => {
    api.clock.set('2026-06-07T08:00:00.000Z');
    const res = await patch(PEOPLE.tier2, t.id, { severity: 'urgent', severityReason: 'The cloud service is down' }, `"${t.version}"`);
    expect(res.statusCode).toBe(200);
    const fromOpening = computeSlaPreview({ severity: 'urgent', at: SUN_0900, calendar: 'basic', css: false }, defaultPolicy).firstResponseDue;
    const fromNow = computeSlaPreview({ severity: 'urgent', at: '2026-06-07T08:00:00.000Z', calendar: 'basic', css: false }, defaultPolicy).firstResponseDue;
    expect(res.json.severity).toBe('urgent');
    expect(res.json.sla.firstResponse).toMatchObject({ startAt: SUN_0900, dueAt: fromOpening });
    expect(fromOpening).not.toBe(fromNow);
    const entry = (await get(PEOPLE.dana, t.id)).json.history.find((h: any) => h.type === 'severity-reclassified');
    expect(entry.data).toEqual({ from: 'normal', to: 'urgent', reason: 'The cloud service is down' });
  });

  it('R-TKT-5: without a reason 400 naming severityReason; by a customer 403', async () => {
    const noReason = await patch(PEOPLE.tier2, t.id, { severity: 'high' }, '*');
    expect(noReason.statusCode).toBe(400);
    namesField(noReason, 'severityReason');
    expect((await patch(PEOPLE.dana, t.id, { severity: 'high', severityReason: 'It is worse' }, '*')).statusCode).toBe(403);
    expect((await get(PEOPLE.tier1, t.id)).json.severity).toBe('urgent');
  });
});

describe('R-TKT-6: the opener, its organisation and the partner that opened it follow the ticket', () => {
  beforeAll(() => api.clock.set(SUN_0900));

  it("R-TKT-6: the opener's colleague reads and answers it", async () => {
    const t = await open(PEOPLE.dana);
    expect((await get(PEOPLE.noa, t.id)).statusCode).toBe(200);
    expect((await reply(PEOPLE.noa, t.id, 'Same here on my machine')).statusCode).toBe(200);
    expect((await get(PEOPLE.dana, t.id)).json.messages.map((m: any) => m.author.id)).toContain(PEOPLE.noa.email);
  });

  it('R-TKT-6, R-PARTY-2: the partner follows what it opened for its customer, and the customer follows it too', async () => {
    const t = await open(PEOPLE.pat, { organisationId: ORGS.contoso.id });
    expect((await get(PEOPLE.tom, t.id)).statusCode).toBe(200);
    expect((await reply(PEOPLE.tom, t.id, 'Adding logs')).statusCode).toBe(200);
    expect((await get(PEOPLE.pat, t.id)).json.messages.map((m: any) => m.body)).toContain('Adding logs');
  });

  it('R-TKT-6: another organisation, or another partner, is answered 404', async () => {
    const t = await open(PEOPLE.tom);
    for (const stranger of [PEOPLE.dana, PEOPLE.fay]) {
      expect((await get(stranger, t.id)).statusCode).toBe(404);
      expect((await reply(stranger, t.id, 'hello?')).statusCode).toBe(404);
    }
  });
});

describe('R-TKT-7: an application fault is routed to Professional Services (a note in the history for agents)', () => {
  beforeAll(() => api.clock.set(SUN_0900));

  it('R-TKT-7: classified as an application fault: the agents see the routing note, the customer only the fault', async () => {
    const t = await open();
    expect((await patch(PEOPLE.tier1, t.id, { fault: 'application' }, '*')).statusCode).toBe(200);
    const forAgent = (await get(PEOPLE.tier1, t.id)).json.history.find((h: any) => h.type === 'ticket-updated');
    expect(forAgent.data).toMatchObject({ routing: 'professional-services', rule: 'R-TKT-7', changes: { fault: { to: 'application' } } });
    const forCustomer = (await get(PEOPLE.dana, t.id)).json.history.find((h: any) => h.type === 'ticket-updated');
    expect(forCustomer.data).toEqual({ changes: { fault: { from: null, to: 'application' } } });
  });

  it('R-TKT-7: a vendor fault gets full support: no routing note', async () => {
    const t = await open();
    await patch(PEOPLE.tier1, t.id, { fault: 'vendor' }, '*');
    const entry = (await get(PEOPLE.tier1, t.id)).json.history.find((h: any) => h.type === 'ticket-updated');
    expect(entry.data).not.toHaveProperty('routing');
  });
});

describe('R-PEND-1: a customer\'s response moves Pending Customer back to In Progress', () => {
  beforeAll(() => api.clock.set(SUN_0900));

  it('R-PEND-1: asked something, the ticket waits; the customer answers; it is In Progress again', async () => {
    const t = await open();
    await reply(PEOPLE.tier1, t.id, 'Which version?');
    expect((await transition(PEOPLE.tier1, t.id, { to: 'pending-customer', reason: 'asked for the version' })).json.status).toBe('pending-customer');
    api.clock.advanceMinutes(30);
    const answered = await reply(PEOPLE.dana, t.id, 'May 2026');
    expect(answered.json.status).toBe('in-progress');
    const entry = (await get(PEOPLE.dana, t.id)).json.history.filter((h: any) => h.type === 'status-changed').at(-1);
    expect(entry.data).toMatchObject({ from: 'pending-customer', to: 'in-progress', rule: 'R-PEND-1' });
  });

  it("R-PEND-1: the agent's own reply does not end the wait, nor may the customer put it on hold (403)", async () => {
    const t = await open();
    await reply(PEOPLE.tier1, t.id, 'Which version?');
    await transition(PEOPLE.tier1, t.id, { to: 'pending-customer' });
    expect((await reply(PEOPLE.tier2, t.id, 'A reminder: which version?')).json.status).toBe('pending-customer');
    const other = await open();
    await reply(PEOPLE.tier1, other.id, 'Looking');
    expect((await transition(PEOPLE.dana, other.id, { to: 'pending-customer' })).statusCode).toBe(403);
  });
});

describe("R-VEND-1: Pending Vendor needs the vendor's case number, recorded on the ticket", () => {
  let t: any;
  beforeAll(async () => { api.clock.set(SUN_0900); t = await open(); await reply(PEOPLE.tier1, t.id, 'Looking'); });

  it('R-VEND-1: without it (or blank) 400 naming vendorCaseNumber', async () => {
    for (const body of [{ to: 'pending-vendor' }, { to: 'pending-vendor', vendorCaseNumber: '   ' }]) {
      const res = await transition(PEOPLE.tier2, t.id, body);
      expect(res.statusCode).toBe(400);
      namesField(res, 'vendorCaseNumber');
    }
    expect((await get(PEOPLE.tier1, t.id)).json.status).toBe('in-progress');
  });

  it('R-VEND-1: with it, Pending Vendor and the number on the ticket, told to the customer', async () => {
    const res = await transition(PEOPLE.tier2, t.id, { to: 'pending-vendor', vendorCaseNumber: 'QLIK-00412' });
    expect(res.json).toMatchObject({ status: 'pending-vendor', vendorCaseNumber: 'QLIK-00412' });
    const entry = (await get(PEOPLE.dana, t.id)).json.history.at(-1);
    expect(entry).toMatchObject({ type: 'status-changed', data: { to: 'pending-vendor', vendorCaseNumber: 'QLIK-00412' } });
  });
});

describe('R-CLOSE-1: once a solution is given the ticket is Resolved; the solution is a public message', () => {
  let t: any;
  beforeAll(async () => { api.clock.set(SUN_0900); t = await open(); });

  it('R-CLOSE-1: resolving without a solution is 400 naming solution', async () => {
    const res = await transition(PEOPLE.tier1, t.id, { to: 'resolved' });
    expect(res.statusCode).toBe(400);
    namesField(res, 'solution');
  });

  it('R-CLOSE-1: with a solution: Resolved, the solution a public message the customer sees, the response met', async () => {
    api.clock.set('2026-06-07T07:00:00.000Z');
    const res = await transition(PEOPLE.tier1, t.id, { to: 'resolved', solution: 'Raised the reload timeout to 2 h' });
    expect(res.json).toMatchObject({ status: 'resolved', sla: { firstResponse: { metAt: '2026-06-07T07:00:00.000Z' } } });
    const seen = (await get(PEOPLE.dana, t.id)).json;
    expect(seen.messages.at(-1)).toMatchObject({ visibility: 'public', body: 'Raised the reload timeout to 2 h', author: { party: 'agent', id: PEOPLE.tier1.email } });
  });
});

describe('R-CLOSE-2: the customer confirms the solution (Closed) or rejects it with a reason (In Progress)', () => {
  beforeAll(() => api.clock.set(SUN_0900));

  it('R-CLOSE-2: confirmed: Closed', async () => {
    const t = await resolved();
    const res = await decide(PEOPLE.dana, t.id, { decision: 'confirm' });
    expect(res.statusCode).toBe(200);
    expect(res.json.status).toBe('closed');
  });

  it("R-CLOSE-2: rejected with a reason: In Progress, the reason in the history; the partner may decide for its customer", async () => {
    const t = await resolved(PEOPLE.dana);
    const res = await decide(PEOPLE.noa, t.id, { decision: 'reject', reason: 'Still fails on Sundays' });
    expect(res.json.status).toBe('in-progress');
    expect((await get(PEOPLE.dana, t.id)).json.history.at(-1).data).toMatchObject({ to: 'in-progress', comment: 'Still fails on Sundays' });
    const viaPartner = await resolved(PEOPLE.tom);
    expect((await decide(PEOPLE.pat, viaPartner.id, { decision: 'confirm' })).json.status).toBe('closed');
  });

  it('R-CLOSE-2: rejecting without a reason 400; deciding on an unresolved ticket 409; the center may not decide (403)', async () => {
    const t = await resolved();
    const noReason = await decide(PEOPLE.dana, t.id, { decision: 'reject' });
    expect(noReason.statusCode).toBe(400);
    namesField(noReason, 'reason');
    expect((await decide(PEOPLE.tier1, t.id, { decision: 'confirm' })).statusCode).toBe(403);
    const unresolved = await open();
    const early = await decide(PEOPLE.dana, unresolved.id, { decision: 'confirm' });
    expect(early.statusCode).toBe(409);
    expect(early.json.status).toBe(409);
    expect((await get(PEOPLE.dana, t.id)).json.status).toBe('resolved');
  });
});

describe('R-CLOSE-5: a customer reply to a Closed ticket opens a new ticket linked to it', () => {
  let closed: any;
  beforeAll(async () => {
    api.clock.set(SUN_0900);
    closed = await resolved();
    expect((await decide(PEOPLE.dana, closed.id, { decision: 'confirm' })).json.status).toBe('closed');
  });

  it('R-CLOSE-5: 201 with a new ticket, linked, the reply its description; the closed one unchanged', async () => {
    const before = (await get(PEOPLE.tier1, closed.id)).json;
    api.clock.set('2026-06-08T06:00:00.000Z');
    const res = await reply(PEOPLE.noa, closed.id, 'It is back since this morning');
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe(`/tickets/${res.json.id}`);
    expect(res.json).toMatchObject({ status: 'new', linkedTicketId: closed.id, subject: closed.subject, organisationId: 'acme', createdAt: '2026-06-08T06:00:00.000Z' });
    expect(res.json.id).not.toBe(closed.id);
    const fresh = (await get(PEOPLE.dana, res.json.id)).json;
    expect(fresh.messages.map((m: any) => m.body)).toEqual(['It is back since this morning']);
    expect(fresh.history[0].data.linkedTicketId).toBe(closed.id);
    const after = (await get(PEOPLE.tier1, closed.id)).json;
    expect(after).toMatchObject({ status: 'closed', version: before.version });
    expect(after.messages).toHaveLength(before.messages.length);
  });

  it("R-CLOSE-5: a Closed ticket is final: an agent's public reply is 409, nor may it be reopened", async () => {
    const res = await reply(PEOPLE.tier1, closed.id, 'One more thing');
    expect(res.statusCode).toBe(409);
    expect((await transition(PEOPLE.tier1, closed.id, { to: 'in-progress' })).statusCode).toBe(409);
    expect((await get(PEOPLE.tier1, closed.id)).json.status).toBe('closed');
  });
});

describe('R-ESC-1: internal escalation moves a ticket up the support tiers', () => {
  let t: any;
  beforeAll(async () => { api.clock.set(SUN_0900); t = await open(); });

  it('R-ESC-1: tier 1 to 2 to 3 to the vendor (4), each recorded; shown to the center only', async () => {
    for (const [as, to] of [[PEOPLE.tier1, 2], [PEOPLE.tier2, 3], [PEOPLE.tier3, 4]] as const) {
      const res = await escalate(as, t.id, { kind: 'internal', reason: `tier ${to - 1} cannot solve it` });
      expect(res.statusCode).toBe(200);
      expect(res.json.tier).toBe(to);
    }
    const history = (await get(PEOPLE.tier1, t.id)).json.history.filter((h: any) => h.type === 'escalated').map((h: any) => [h.data.fromTier, h.data.toTier]);
    expect(history).toEqual([[1, 2], [2, 3], [3, 4]]);
    expect((await get(PEOPLE.dana, t.id)).json).not.toHaveProperty('tier');
  });

  it('R-ESC-1: past the vendor 409; by a customer 403', async () => {
    expect((await escalate(PEOPLE.manager, t.id, { kind: 'internal', reason: 'higher?' })).statusCode).toBe(409);
    expect((await escalate(PEOPLE.dana, t.id, { kind: 'internal', reason: 'faster please' })).statusCode).toBe(403);
  });
});

describe('R-ESC-2: a dissatisfied customer escalates to the Head of Support, then the Chief Customer Officer', () => {
  let t: any;
  beforeAll(async () => { api.clock.set(SUN_0900); t = await open(); });

  it('R-ESC-2: first the HOS, then the CCO, visible to the customer', async () => {
    expect((await escalate(PEOPLE.dana, t.id, { kind: 'external', reason: 'No answer for a day' })).json.externalEscalation).toBe('hos');
    expect((await escalate(PEOPLE.noa, t.id, { kind: 'external', reason: 'The HOS did not help' })).json.externalEscalation).toBe('cco');
    const entries = (await get(PEOPLE.dana, t.id)).json.history.filter((h: any) => h.type === 'escalated').map((h: any) => [h.data.from, h.data.to]);
    expect(entries).toEqual([['none', 'hos'], ['hos', 'cco']]);
  });

  it('R-ESC-2: nobody above the CCO (409); a reason is required (400)', async () => {
    const past = await escalate(PEOPLE.dana, t.id, { kind: 'external', reason: 'Still unhappy' });
    expect(past.statusCode).toBe(409);
    const noReason = await escalate(PEOPLE.dana, t.id, { kind: 'external' });
    expect(noReason.statusCode).toBe(400);
    namesField(noReason, 'reason');
  });
});

describe('R-ACC-1: remote access is recorded on the ticket, never a precondition', () => {
  beforeAll(() => api.clock.set(SUN_0900));

  it('R-ACC-1: opened without remote access (or without saying): accepted, recorded as not granted', async () => {
    expect((await open(PEOPLE.dana, { remoteAccess: false })).remoteAccess).toBe(false);
    const unsaid = await api.call('POST /tickets', { as: PEOPLE.dana, body: { type: 'incident', severity: 'normal', subject: 'Slow', description: 'Slow app' } });
    expect(unsaid.statusCode).toBe(201);
    expect(unsaid.json.remoteAccess).toBe(false);
    expect((await open(PEOPLE.dana, { remoteAccess: true })).remoteAccess).toBe(true);
  });

  it('R-ACC-1: the customer grants it later (If-Match), recorded in the history; other case fields stay the center\'s (403)', async () => {
    const t = await open(PEOPLE.dana, { remoteAccess: false });
    const granted = await patch(PEOPLE.dana, t.id, { remoteAccess: true }, `"${t.version}"`);
    expect(granted.statusCode).toBe(200);
    expect(granted.json.remoteAccess).toBe(true);
    expect((await get(PEOPLE.dana, t.id)).json.history.at(-1).data).toEqual({ changes: { remoteAccess: { from: false, to: true } } });
    expect((await patch(PEOPLE.dana, t.id, { remoteAccess: false, outage: true }, '*')).statusCode).toBe(403);
  });
});

describe('Idempotency-Key on POST /tickets', () => {
  beforeAll(() => api.clock.set(SUN_0900));
  const create = (as: Identity, key: string, over: TicketBody = {}) => api.call('POST /tickets', { as, headers: { 'idempotency-key': key }, body: ticketBody(over) });
  const countWithSubject = async (as: Identity, subject: string) =>
    (await api.call('GET /tickets', { as, query: { limit: '100' } })).json.items.filter((t: any) => t.subject === subject).length;

  it('a retry with the same key and request gets the first answer again, and there is one ticket', async () => {
    const first = await create(PEOPLE.dana, 'retry-1', { subject: 'Idempotent one' });
    api.clock.advanceMinutes(1);
    const again = await create(PEOPLE.dana, 'retry-1', { subject: 'Idempotent one' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(again.headers).toMatchObject({ location: first.headers.location, etag: first.headers.etag, 'idempotent-replayed': 'true' });
    expect(await countWithSubject(PEOPLE.dana, 'Idempotent one')).toBe(1);
  });

  it('concurrent retries with one key make one ticket, and all get its answer', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => create(PEOPLE.dana, 'burst-1', { subject: 'Idempotent burst' })));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(6).fill(201));
    expect(new Set(answers.map((a) => a.json.id)).size).toBe(1);
    expect(await countWithSubject(PEOPLE.dana, 'Idempotent burst')).toBe(1);
  });

  it('the same key with another request is 422 naming Idempotency-Key; nothing is created', async () => {
    await create(PEOPLE.dana, 'retry-2', { subject: 'Idempotent two' });
    const conflict = await create(PEOPLE.dana, 'retry-2', { subject: 'Something else' });
    expect(conflict.statusCode).toBe(422);
    expect(conflict.headers['content-type']).toBe('application/problem+json');
    namesField(conflict, 'Idempotency-Key');
    expect(await countWithSubject(PEOPLE.dana, 'Something else')).toBe(0);
  });

  it("a key is the caller's own: a colleague's same key opens the colleague's ticket", async () => {
    const mine = await create(PEOPLE.dana, 'shared-key', { subject: 'Idempotent three' });
    const theirs = await create(PEOPLE.noa, 'shared-key', { subject: 'Idempotent three' });
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json.id).not.toBe(mine.json.id);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
  });
});
