// Work logged over HTTP becomes a partner's statement and a customer's report, through the real
// handlers on DynamoDB Local: Tailspin is a Northwind customer with extended hours (08:00-20:00)
// and CSS, so its application-fault advice is free up to 2 hours a month (R-BILL-2), work after
// 20:00 is billable (R-CAL-4), on-site work and travel are billable (R-BILL-1), and all of it is
// billed to Northwind, never to Tailspin (R-PARTY-2).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRouteModules, makeApi, manualClock, type Api } from '../../support/http-api.js';
import { useDynamoDbLocal } from '../../support/dynamodb.js';
import { PEOPLE, SUN_0900, seedWorld } from '../../support/world.js';

const db = useDynamoDbLocal();
let api: Api;

// Sunday 7 June 2026 in Israel (UTC+3).
const at = (hhmm: string) => `2026-06-07T${String(Number(hhmm.slice(0, 2)) - 3).padStart(2, '0')}:${hhmm.slice(3)}:00.000Z`;
const JUNE = { from: '2026-06-01T00:00:00Z', to: '2026-07-01T00:00:00Z' };

let advice: string; // an application fault: advice, partly free
let vendor: string; // a vendor fault: free, never answered in time

beforeAll(async () => {
  api = makeApi(await loadRouteModules(), db.client, db.tableName, manualClock(SUN_0900));
  await seedWorld(api.deps.directory);
  const open = async (subject: string) => {
    const res = await api.call('POST /tickets', { as: PEOPLE.pat, body: { type: 'incident', severity: 'normal', subject, description: 'Since Thursday', organisationId: 'tailspin' } });
    expect(res.statusCode, JSON.stringify(res.json)).toBe(201);
    return res.json.id as string;
  };
  [advice, vendor] = [await open('How should the reload be scheduled?'), await open('The connector crashes')];
  for (const [id, fault] of [[advice, 'application'], [vendor, 'vendor']] as const) {
    expect((await api.call('PATCH /tickets/{id}', { as: PEOPLE.tier1, params: { id }, headers: { 'if-match': '*' }, body: { fault } })).statusCode).toBe(200);
  }
  api.clock.set(at('09:30'));
  expect((await api.call('POST /tickets/{id}/messages', { as: PEOPLE.tier1, params: { id: advice }, body: { body: 'Here is how.' } })).statusCode).toBe(200);

  api.clock.set(at('21:00'));
  const log = async (id: string, startedAt: string, minutes: number, kind: string) => {
    const res = await api.call('POST /tickets/{id}/work', { as: PEOPLE.tier1, params: { id }, body: { startedAt, minutes, kind } });
    expect(res.statusCode, JSON.stringify(res.json)).toBe(201);
  };
  await log(advice, at('09:30'), 90, 'remote'); // free advice: 90 of the 120 minutes
  await log(advice, at('19:30'), 60, 'remote'); // 30 in hours (the last free 30) + 30 after 20:00
  await log(advice, at('12:00'), 120, 'on-site');
  await log(advice, at('11:30'), 30, 'travel');
  await log(vendor, at('14:00'), 60, 'remote');
}, 60_000);

describe('the work log, the statement and the reports over HTTP', () => {
  it('R-BILL-3: the work log lists every entry of the ticket in time order with its total', async () => {
    const res = await api.call('GET /tickets/{id}/work', { as: PEOPLE.tier2, params: { id: advice } });
    expect(res.statusCode).toBe(200);
    expect(res.json.items.map((e: { startedAt: string; kind: string }) => [e.startedAt, e.kind])).toEqual([
      [at('09:30'), 'remote'], [at('11:30'), 'travel'], [at('12:00'), 'on-site'], [at('19:30'), 'remote'],
    ]);
    expect(res.json.totalMinutes).toBe(300);
  });

  it("R-PARTY-2, R-BILL-1, R-BILL-2, R-CAL-4: Northwind's statement classifies each line, and Tailspin is billed nothing", async () => {
    const res = await api.call('GET /organisations/{id}/statements/{month}', { as: PEOPLE.pat, params: { id: 'northwind', month: '2026-06' } });
    expect(res.statusCode, JSON.stringify(res.json)).toBe(200);
    expect(res.json.lines.map((l: { startedAt: string; minutes: number; billable: boolean; reason: string; rule: string }) => [l.startedAt, l.minutes, l.billable, l.reason, l.rule])).toEqual([
      [at('09:30'), 90, false, 'application-advice', 'R-BILL-2'],
      [at('11:30'), 30, true, 'on-site', 'R-BILL-1'],
      [at('12:00'), 120, true, 'on-site', 'R-BILL-1'],
      [at('14:00'), 60, false, 'vendor-fault', 'R-BILL-2'],
      [at('19:30'), 30, false, 'application-advice', 'R-BILL-2'],
      [at('19:30'), 30, true, 'out-of-hours', 'R-CAL-4'],
    ]);
    expect(res.json.totals).toEqual({
      billableMinutes: 180, freeMinutes: 180,
      byReason: { 'application-advice': 120, 'on-site': 150, 'vendor-fault': 60, 'out-of-hours': 30 },
    });
    const tailspin = await api.call('GET /organisations/{id}/statements/{month}', { as: PEOPLE.tess, params: { id: 'tailspin', month: '2026-06' } });
    expect(tailspin.json).toMatchObject({ lines: [], totals: { billableMinutes: 0, freeMinutes: 0 } });
    expect((await api.call('GET /organisations/{id}/statements/{month}', { as: PEOPLE.tess, params: { id: 'northwind', month: '2026-06' } })).statusCode).toBe(404);
  });

  it("R-RPT-2: Tailspin's report lists the period's tickets with SLA outcomes and time spent", async () => {
    const res = await api.call('GET /organisations/{id}/report', { as: PEOPLE.tess, params: { id: 'tailspin' }, query: JUNE });
    expect(res.statusCode, JSON.stringify(res.json)).toBe(200);
    const row = (id: string) => res.json.tickets.find((t: { id: string }) => t.id === id);
    expect(row(advice)).toMatchObject({ workMinutes: 300, targets: expect.arrayContaining([expect.objectContaining({ target: 'firstResponse', outcome: 'met' })]) });
    // The vendor ticket's first response fell due at 15:00; logging work at 21:00 recorded the breach.
    expect(row(vendor)).toMatchObject({ workMinutes: 60, targets: [expect.objectContaining({ target: 'firstResponse', outcome: 'breached' })] });
    expect(res.json.totals).toMatchObject({ tickets: 2, openedInPeriod: 2, workMinutes: 360, targetsMet: 1, targetsBreached: 1 });
    const july = await api.call('GET /organisations/{id}/report', { as: PEOPLE.tess, params: { id: 'tailspin' }, query: { from: '2026-07-01T00:00:00Z', to: '2026-08-01T00:00:00Z' } });
    expect(july.json.totals).toMatchObject({ tickets: 2, openedInPeriod: 0, workMinutes: 0, targetsMet: 0, targetsBreached: 0 }); // still open in July
  });

  it("R-RPT-2: the center's compliance report counts the met and the breached first response per severity and organisation", async () => {
    const res = await api.call('GET /reports/compliance', { as: PEOPLE.manager, query: JUNE });
    expect(res.statusCode).toBe(200);
    expect(res.json.bySeverity.normal).toEqual({ met: 1, breached: 1, compliance: 0.5 });
    expect(res.json.byOrganisation).toEqual([{ organisationId: 'tailspin', met: 1, breached: 1, compliance: 0.5 }]);
    expect((await api.call('GET /reports/compliance', { as: PEOPLE.tier1, query: JUNE })).statusCode).toBe(403);
  });

  it('R-BILL-3: a closed month keeps its statement whatever changes after, and takes no more work', async () => {
    const key = { id: 'northwind', month: '2026-06' };
    const before = (await api.call('GET /organisations/{id}/statements/{month}', { as: PEOPLE.manager, params: key })).json;
    expect(before.closedAt).toBeNull();
    expect((await api.call('POST /organisations/{id}/statements/{month}/close', { as: PEOPLE.manager, params: key })).statusCode).toBe(409); // June has not ended

    api.clock.set('2026-06-30T21:00:00.000Z'); // 1 July, 00:00 in Israel
    expect((await api.call('POST /organisations/{id}/statements/{month}/close', { as: PEOPLE.pat, params: key })).statusCode).toBe(403);
    const closed = await api.call('POST /organisations/{id}/statements/{month}/close', { as: PEOPLE.manager, params: key });
    expect(closed.statusCode, JSON.stringify(closed.json)).toBe(201);
    expect(closed.json).toEqual({ ...before, closedAt: '2026-06-30T21:00:00.000Z', closedBy: PEOPLE.manager.email });
    expect((await api.call('POST /organisations/{id}/statements/{month}/close', { as: PEOPLE.manager, params: key })).statusCode).toBe(409);

    // The fault is decided otherwise after the close: the live classification would change, the closed statement does not.
    expect((await api.call('PATCH /tickets/{id}', { as: PEOPLE.tier1, params: { id: vendor }, headers: { 'if-match': '*' }, body: { fault: 'application' } })).statusCode).toBe(200);
    expect((await api.call('GET /organisations/{id}/statements/{month}', { as: PEOPLE.pat, params: key })).json).toEqual(closed.json);
    const late = await api.call('POST /tickets/{id}/work', { as: PEOPLE.tier1, params: { id: vendor }, body: { startedAt: at('16:00'), minutes: 15, kind: 'remote' } });
    expect(late.statusCode).toBe(409);
    expect(late.json.detail).toContain('2026-06 is closed');
    api.clock.set('2026-07-01T06:00:00.000Z');
    expect((await api.call('POST /tickets/{id}/work', { as: PEOPLE.tier1, params: { id: vendor }, body: { startedAt: '2026-07-01T05:00:00.000Z', minutes: 30, kind: 'remote' } })).statusCode)
      .toBe(201); // July is open
  });
});

