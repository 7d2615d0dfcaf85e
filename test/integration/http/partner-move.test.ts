// R-PARTY-2, R-RPT-2: a partner's report of a customer lists the tickets the partner may open,
// by the partner each ticket records (as ticket access does), not by the customer's current
// partner link. Found by probing: after a customer moved to another partner, the new partner's
// report listed old tickets it could not open.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRouteModules, makeApi, manualClock, type Api, type Identity } from '../../support/http-api.js';
import { useDynamoDbLocal } from '../../support/dynamodb.js';
import { ORGS, PEOPLE, SUN_0900, seedWorld } from '../../support/world.js';

const db = useDynamoDbLocal();
let api: Api;
let before: string; // opened while contoso was Northwind's customer
let after: string; // opened after it moved to Fabrikam

const JUNE = { from: '2026-06-01T00:00:00Z', to: '2026-07-01T00:00:00Z' };
const reportOf = (as: Identity) => api.call('GET /organisations/{id}/report', { as, params: { id: 'contoso' }, query: JUNE });
const numbers = (report: any) => report.json.tickets.map((t: any) => t.id).sort();

beforeAll(async () => {
  api = makeApi(await loadRouteModules(), db.client, db.tableName, manualClock(SUN_0900));
  await seedWorld(api.deps.directory);
  const open = async (subject: string) => {
    const res = await api.call('POST /tickets', { as: PEOPLE.tom, body: { type: 'incident', severity: 'normal', subject, description: 'It stops.' } });
    expect(res.statusCode).toBe(201);
    return res.json.id as string;
  };
  before = await open('Before the move');
  api.clock.advanceMinutes(60); // the work below has ended by now
  expect((await api.call('POST /tickets/{id}/work', { as: PEOPLE.tier1, params: { id: before }, body: { startedAt: SUN_0900, minutes: 45, kind: 'remote' } })).statusCode).toBe(201);
  const moved = await api.call('PUT /organisations/{id}', { as: PEOPLE.admin, params: { id: 'contoso' }, headers: { 'if-match': '*' }, body: { ...structuredClone(ORGS.contoso), partnerId: 'fabrikam' } });
  expect(moved.statusCode).toBe(200);
  after = await open('After the move');
});

describe('R-PARTY-2: reports follow the partner recorded on each ticket', () => {
  it("the new partner's report lists only the tickets it may open, and none of the old partner's time", async () => {
    expect((await api.call('GET /tickets/{id}', { as: PEOPLE.fay, params: { id: before } })).statusCode).toBe(404);
    const report = await reportOf(PEOPLE.fay);
    expect(report.statusCode).toBe(200);
    expect(numbers(report)).toEqual([after]);
    expect(report.json.totals.tickets).toBe(1);
    expect(report.json.totals.workMinutes).toBe(0);
  });

  it('the old partner still reports on the tickets it served, and only those', async () => {
    expect((await api.call('GET /tickets/{id}', { as: PEOPLE.pat, params: { id: before } })).statusCode).toBe(200);
    const report = await reportOf(PEOPLE.pat);
    expect(report.statusCode).toBe(200);
    expect(numbers(report)).toEqual([before]);
    expect(report.json.totals.workMinutes).toBe(45);
  });

  it('the customer itself and the center see every ticket of the period', async () => {
    for (const who of [PEOPLE.tom, PEOPLE.manager]) expect(numbers(await reportOf(who))).toEqual([after, before].sort());
  });

  it("the new partner's emailed report is asked for its view: the outbox keeps the tickets recording it", async () => {
    const asked = await api.call('POST /organisations/{id}/report-emails', { as: PEOPLE.fay, params: { id: 'contoso' }, body: JUNE });
    expect(asked.statusCode).toBe(202);
    expect((await api.deps.reportRequests.get(asked.json.id))?.partnerId).toBe('fabrikam');
    const byCustomer = await api.call('POST /organisations/{id}/report-emails', { as: PEOPLE.tom, params: { id: 'contoso' }, body: JUNE });
    expect((await api.deps.reportRequests.get(byCustomer.json.id))?.partnerId).toBeUndefined();
  });

  it("the weekly run asks a partner's subscriber's report for the partner's view, a customer's for the whole", async () => {
    for (const who of [PEOPLE.fay, PEOPLE.tom]) {
      const put = await api.call('PUT /organisations/{id}/report-subscriptions/{email}', { as: who, params: { id: 'contoso', email: who.email }, body: { frequency: 'weekly' } });
      expect(put.statusCode).toBeLessThan(300);
    }
    // Imported here: its live wiring reads TABLE_NAME at import, which loadRouteModules sets.
    const { makeReportScheduleHandler } = await import('../../../functions/handlers/report-schedule.js');
    const run = makeReportScheduleHandler({ directory: api.deps.directory, reportRequests: api.deps.reportRequests, policies: api.deps.policies, now: api.clock.now, log: () => {} });
    const outcome = await run({ frequency: 'weekly', at: '2026-06-14T03:00:00Z' });
    expect(outcome.requested).toBe(2);
    const requestOf = (email: string) => api.deps.reportRequests.get(`weekly:${outcome.period.from}:contoso:${email}`);
    expect((await requestOf(PEOPLE.fay.email))?.partnerId).toBe('fabrikam');
    expect((await requestOf(PEOPLE.tom.email))?.partnerId).toBeUndefined();
  });

  it('a partner that never served the customer gets a 404, as before', async () => {
    const res = await api.call('GET /organisations/{id}/report', { as: PEOPLE.fay, params: { id: 'tailspin' }, query: JUNE });
    expect(res.statusCode).toBe(404);
  });
});

describe('R-PARTY-2: a partner lists its own customers, to open and follow tickets for them', () => {
  it('pat (Northwind) gets Northwind\'s customers and nobody else, whatever partnerId it asks for', async () => {
    const mine = await api.call('GET /organisations', { as: PEOPLE.pat, query: { limit: '50' } });
    expect(mine.statusCode).toBe(200);
    const ids = mine.json.items.map((o: { id: string }) => o.id).sort();
    // Northwind's customers in the seeded world, but Contoso, which moved to Fabrikam above
    expect(ids).toEqual(Object.values(ORGS).filter((o) => o.partnerId === 'northwind' && o.id !== 'contoso').map((o) => o.id).sort());
    expect(ids.length).toBeGreaterThan(0);
    const asked = await api.call('GET /organisations', { as: PEOPLE.pat, query: { partnerId: 'northwind' } });
    expect(asked.json.items.map((o: { id: string }) => o.id).sort()).toEqual(ids);
    const others = await api.call('GET /organisations', { as: PEOPLE.pat, query: { partnerId: 'fabrikam' } });
    expect(others.statusCode).toBe(200);
    expect(others.json).toEqual({ items: [], cursor: null });
  });

  it('fay (Fabrikam) now lists Contoso, and a customer still may not list the directory', async () => {
    const fabrikam = await api.call('GET /organisations', { as: PEOPLE.fay });
    expect(fabrikam.json.items.map((o: { id: string }) => o.id)).toEqual(['contoso']);
    expect((await api.call('GET /organisations', { as: PEOPLE.tom })).statusCode).toBe(403);
  });
});
