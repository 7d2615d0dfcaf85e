// The agent desk's reads (issue 10) through the real handlers on DynamoDB Local: the queue by next
// SLA deadline with its filters and pages, the policy a countdown runs on, and the calendar.
import { beforeAll, describe, expect, it } from 'vitest';
import { applyDue, computeDue, defaultPolicy, parsePolicy } from '../../../functions/domain/index.js';
import { makeGetCalendarHandler } from '../../../functions/handlers/http/get-calendar.js';
import { policyRegistry } from '../../../functions/handlers/http/deps.js';
import { anHttpEvent, bodyOf } from '../../fixtures/http.js';
import { claimsOf, loadRouteModules, makeApi, manualClock, type Api, type Identity } from '../../support/http-api.js';
import { useDynamoDbLocal } from '../../support/dynamodb.js';
import { PEOPLE, SUN_0900, seedWorld } from '../../support/world.js';

const db = useDynamoDbLocal();
let api: Api;

type Opened = { id: string; number: string };
const open = async (as: Identity, body: Record<string, unknown>): Promise<Opened> => {
  const res = await api.call('POST /tickets', { as, body: { type: 'incident', description: 'Details inside', ...body } });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json.id, number: res.json.number };
};
const queue = async (query: Record<string, string> = {}, as: Identity = PEOPLE.tier1) => {
  const res = await api.call('GET /queue', { as, query: { limit: '100', ...query } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json as { items: Array<Record<string, any>>; cursor: string | null };
};
const numbers = async (query: Record<string, string> = {}) => (await queue(query)).items.map((t) => t.number as string);

/** Runs the timer on a ticket at the clock's now, as the scheduler would (R-SLA-6 breach recorded). */
async function runTimer(id: string): Promise<void> {
  const record = (await api.deps.tickets.get(id))!;
  const due = computeDue(record.ticket, defaultPolicy, api.clock.now());
  await api.deps.tickets.commit(applyDue(record.ticket, due, defaultPolicy), { expectedVersion: record.ticket.version });
}

let normal: Opened; // acme, normal, Sun 09:00: first response due 15:00
let breached: Opened; // globex, high, Sun 09:00 (opened first): due 13:30, breached at 14:00 and recorded
let urgent: Opened; // acme, urgent, Sun 14:00: due 17:00
let request: Opened; // globex, service request, normal, Sun 14:00, escalated to tier 2: due Mon 11:30
let vendor: Opened; // acme, high, Sun 14:00, Pending Vendor: due Mon 10:00
let resolved: Opened; // acme, normal: Resolved, out of the default queue

beforeAll(async () => {
  api = makeApi(await loadRouteModules(), db.client, db.tableName, manualClock(SUN_0900));
  await seedWorld(api.deps.directory);
  breached = await open(PEOPLE.gil, { severity: 'high', subject: 'Breached one' });
  normal = await open(PEOPLE.dana, { severity: 'normal', subject: 'Normal one' });
  resolved = await open(PEOPLE.dana, { severity: 'normal', subject: 'Resolved one' });
  expect((await api.call('POST /tickets/{id}/transitions', { as: PEOPLE.tier1, params: { id: resolved.id }, body: { to: 'resolved', solution: 'Done' } })).statusCode).toBe(200);
  api.clock.set('2026-06-07T11:00:00Z'); // Sun 14:00 Israel time
  await runTimer(breached.id);
  urgent = await open(PEOPLE.dana, { severity: 'urgent', subject: 'Urgent one' });
  request = await open(PEOPLE.gil, { type: 'service-request', severity: 'normal', subject: 'Service request' });
  vendor = await open(PEOPLE.dana, { severity: 'high', subject: 'Vendor one' });
  const params = { id: vendor.id };
  expect((await api.call('POST /tickets/{id}/transitions', { as: PEOPLE.tier1, params, body: { to: 'pending-vendor', vendorCaseNumber: 'V-1' } })).statusCode).toBe(200);
  expect((await api.call('PATCH /tickets/{id}', { as: PEOPLE.tier1, params: { id: urgent.id }, headers: { 'if-match': '*' }, body: { assignee: PEOPLE.tier1.email } })).statusCode).toBe(200);
  expect((await api.call('POST /tickets/{id}/escalations', { as: PEOPLE.tier1, params: { id: request.id }, body: { kind: 'internal', reason: 'Tier 2 plans upgrades' } })).statusCode).toBe(200);
}, 60_000);

describe('R-PORTAL-2: GET /queue, every open ticket by its next SLA deadline', () => {
  it('R-SLA-6: sorts by the owed target due first, a recorded breach on top, and leaves Resolved out', async () => {
    const page = await queue();
    expect(page.items.map((t) => t.number)).toEqual([breached.number, normal.number, urgent.number, vendor.number, request.number]);
    expect(page.cursor).toBeNull();
    const first = page.items[0]!;
    expect(first).toMatchObject({ slaState: 'breached', nextTarget: 'firstResponse', policyVersion: 'charter-1', tier: 1 });
    expect(first.nextDueAt).toBe(first.sla.firstResponse.dueAt);
    const dues = page.items.map((t) => t.nextDueAt as string);
    expect([...dues].sort()).toEqual(dues);
  });

  it('R-SLA-2: a first response met moves the ticket to its next owed target', async () => {
    const before = (await queue()).items.find((t) => t.number === normal.number)!;
    const res = await api.call('POST /tickets/{id}/messages', { as: PEOPLE.tier1, params: { id: normal.id }, body: { body: 'Looking into it' } });
    expect(res.statusCode).toBe(200);
    const after = (await queue()).items.find((t) => t.number === normal.number)!;
    expect(after.sla.firstResponse.metAt).not.toBeNull();
    expect(after.nextTarget).not.toBe('firstResponse');
    expect(after.nextDueAt === null || after.nextDueAt > before.nextDueAt).toBe(true);
  });

  it('filters by mine, unassigned, tier, organisation, status, severity, SLA state and type', async () => {
    expect(await numbers({ mine: 'true' })).toEqual([urgent.number]);
    expect(await numbers({ mine: 'true', status: 'new' })).toEqual([urgent.number]);
    expect(await numbers({ unassigned: 'true' })).not.toContain(urgent.number);
    expect(await numbers({ tier: '2' })).toEqual([request.number]);
    expect(await numbers({ organisationId: 'globex' })).toEqual([breached.number, request.number]);
    expect(await numbers({ status: 'pending-vendor' })).toEqual([vendor.number]);
    expect(await numbers({ status: 'resolved' })).toEqual([resolved.number]);
    expect(await numbers({ severity: 'urgent' })).toEqual([urgent.number]);
    expect(await numbers({ sla: 'breached' })).toEqual([breached.number]);
    expect(await numbers({ type: 'service-request' })).toEqual([request.number]);
    expect(await numbers({ organisationId: 'acme', severity: 'high' })).toEqual([vendor.number]);
    const mineOfTier2 = await queue({ mine: 'true' }, PEOPLE.tier2);
    expect(mineOfTier2.items).toEqual([]);
  });

  it('pages through every status partition in order, one ticket at a time, with cursors tied to their filter', async () => {
    const all = await numbers();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await queue({ limit: '1', ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((t) => t.number as string));
      cursor = page.cursor;
      expect(seen.length).toBeLessThanOrEqual(all.length + 1);
    } while (cursor);
    expect(seen).toEqual(all);
    const firstPage = await queue({ limit: '2' });
    const res = await api.call('GET /queue', { as: PEOPLE.tier1, query: { limit: '2', severity: 'high', cursor: firstPage.cursor! } });
    expect(res.statusCode).toBe(400);
    expect(res.json.errors).toEqual([expect.objectContaining({ path: 'cursor' })]);
  });

  it('refuses customers and partners, and contradictory filters', async () => {
    expect((await api.call('GET /queue', { as: PEOPLE.dana })).statusCode).toBe(403);
    const both = await api.call('GET /queue', { as: PEOPLE.tier1, query: { mine: 'true', unassigned: 'true' } });
    expect(both.statusCode).toBe(400);
    expect(both.json.errors).toEqual([expect.objectContaining({ path: 'unassigned' })]);
    const closed = await api.call('GET /queue', { as: PEOPLE.tier1, query: { status: 'closed' } });
    expect(closed.statusCode).toBe(400);
  });
});

describe('R-PEND-1: Pending Customer says what the customer is asked for', () => {
  it('R-PEND-1: the comment is kept on the status change and is a public message the customer reads', async () => {
    const t = await open(PEOPLE.dana, { severity: 'normal', subject: 'Export fails' });
    const asked = 'Please attach the export log of last night.';
    const res = await api.call('POST /tickets/{id}/transitions', { as: PEOPLE.tier1, params: { id: t.id }, body: { to: 'pending-customer', comment: asked } });
    expect(res.statusCode, res.body).toBe(200);
    const seen = await api.call('GET /tickets/{id}', { as: PEOPLE.dana, params: { id: t.id } });
    expect(seen.json.messages.map((m: any) => [m.visibility, m.body])).toContainEqual(['public', asked]);
    expect(seen.json.history.find((h: any) => h.type === 'status-changed' && h.data.to === 'pending-customer').data).toMatchObject({ comment: asked });
  });
});

describe('GET /policy: the policies a countdown runs on', () => {
  it('R-SLA-2: answers the current policy and each version asked for', async () => {
    const res = await api.call('GET /policy', { as: PEOPLE.dana, query: { versions: 'charter-1' } });
    expect(res.statusCode).toBe(200);
    expect(res.json.current).toEqual(defaultPolicy);
    expect(Object.keys(res.json.versions)).toEqual(['charter-1']);
    const unknown = await api.call('GET /policy', { as: PEOPLE.tier1, query: { versions: 'charter-1,charter-0' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json.errors).toEqual([expect.objectContaining({ path: 'versions' })]);
  });
});

describe('GET /calendar: the closed days of a period with their reasons', () => {
  it("R-CAL-2: the autumn holidays of 2026 and their eves, as the charter lists them", async () => {
    const res = await api.call('GET /calendar', { as: PEOPLE.manager, query: { from: '2026-09-01', to: '2026-10-31' } });
    expect(res.statusCode).toBe(200);
    const feasts = res.json.days.filter((d: any) => d.reason === 'holiday' || d.reason === 'eve').map((d: any) => d.date);
    expect(feasts).toEqual(['2026-09-11', '2026-09-12', '2026-09-13', '2026-09-20', '2026-09-21', '2026-09-25', '2026-09-26', '2026-10-02', '2026-10-03']);
    expect(res.json.days.find((d: any) => d.date === '2026-09-04')).toEqual({ date: '2026-09-04', reason: 'weekend', name: 'Weekend' }); // R-CAL-1: a Friday
    expect(res.json).toMatchObject({ timeZone: 'Asia/Jerusalem', workingWeekdays: [0, 1, 2, 3, 4], closures: { add: [], remove: [] } });
  });

  it('R-CAL-2: an operator closure is a closed day of reason operator, and an operator opening is no closed day', async () => {
    const policy = parsePolicy({ version: 'ops-1', closures: { add: ['2026-09-15'], remove: ['2026-09-20'] } });
    const handler = makeGetCalendarHandler({ policies: policyRegistry(policy) });
    const res = await handler(anHttpEvent({ method: 'GET', path: '/calendar', query: { from: '2026-09-14', to: '2026-09-20' }, claims: claimsOf(PEOPLE.tier1) }));
    expect(res.statusCode).toBe(200);
    const body = bodyOf(res);
    expect(body.days.map((d: any) => [d.date, d.reason])).toEqual([['2026-09-15', 'operator'], ['2026-09-18', 'weekend'], ['2026-09-19', 'weekend']]);
    expect(body.closures).toEqual({ add: ['2026-09-15'], remove: ['2026-09-20'] });
  });

  it('refuses a period that ends before it starts or spans more than 400 days, naming to', async () => {
    for (const query of [{ from: '2026-09-02', to: '2026-09-01' }, { from: '2026-01-01', to: '2027-12-31' }]) {
      const res = await api.call('GET /calendar', { as: PEOPLE.tier1, query });
      expect(res.statusCode).toBe(400);
      expect(res.json.errors).toEqual([expect.objectContaining({ path: 'to' })]);
    }
  });
});
