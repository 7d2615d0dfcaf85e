// Report periods given as Israel dates (issue 9): whole days in Asia/Jerusalem, `to` inclusive,
// summer (IDT, UTC+3) and winter (IST, UTC+2), through the real handlers on DynamoDB Local.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRouteModules, makeApi, manualClock, type Api } from '../../support/http-api.js';
import { useDynamoDbLocal } from '../../support/dynamodb.js';
import { PEOPLE, SUN_0900, seedWorld } from '../../support/world.js';

const db = useDynamoDbLocal();
let api: Api;
let lateJune: string; // 30 June 2026, 23:30 in Israel: in June
let earlyJuly: string; // 1 July 2026, 00:30 in Israel: in July, though still 30 June in UTC

beforeAll(async () => {
  api = makeApi(await loadRouteModules(), db.client, db.tableName, manualClock(SUN_0900));
  await seedWorld(api.deps.directory);
  const open = async (at: string, subject: string) => {
    api.clock.set(at);
    const res = await api.call('POST /tickets', { as: PEOPLE.dana, body: { type: 'incident', severity: 'normal', subject, description: 'x' } });
    expect(res.statusCode, JSON.stringify(res.json)).toBe(201);
    return res.json.number as string;
  };
  lateJune = await open('2026-06-30T20:30:00Z', 'late June');
  earlyJuly = await open('2026-06-30T21:30:00Z', 'early July');
  api.clock.set('2026-07-15T09:00:00Z');
});

const report = (query: Record<string, string>) => api.call('GET /organisations/{id}/report', { as: PEOPLE.dana, params: { id: 'acme' }, query });
const numbers = (res: { json: any }) => res.json.tickets.map((t: { number: string }) => t.number);

describe('R-RPT-2: a report period as Israel dates', () => {
  it('R-RPT-2: from=2026-06-01&to=2026-06-30 is June in Israel: from its first midnight (IDT) to the end of the 30th', async () => {
    const res = await report({ from: '2026-06-01', to: '2026-06-30' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json.period).toEqual({ from: '2026-05-31T21:00:00.000Z', to: '2026-06-30T21:00:00.000Z' });
    expect(numbers(res)).toContain(lateJune);
    expect(numbers(res)).not.toContain(earlyJuly);
    const oneDay = await report({ from: '2026-07-01', to: '2026-07-01' }); // one whole day
    expect(oneDay.json.period).toEqual({ from: '2026-06-30T21:00:00.000Z', to: '2026-07-01T21:00:00.000Z' });
    expect(numbers(oneDay)).toContain(earlyJuly);
  });

  it('R-RPT-2: in winter a day starts at 22:00 UTC; a date and an instant mix', async () => {
    const res = await report({ from: '2026-01-01', to: '2026-06-30T21:00:00Z' });
    expect(res.json.period).toEqual({ from: '2025-12-31T22:00:00.000Z', to: '2026-06-30T21:00:00Z' });
  });

  it('the compliance report and the emailed report take dates too', async () => {
    const compliance = await api.call('GET /reports/compliance', { as: PEOPLE.manager, query: { from: '2026-06-01', to: '2026-06-30' } });
    expect(compliance.statusCode).toBe(200);
    expect(compliance.json.period).toEqual({ from: '2026-05-31T21:00:00.000Z', to: '2026-06-30T21:00:00.000Z' });
    const emailed = await api.call('POST /organisations/{id}/report-emails', { as: PEOPLE.dana, params: { id: 'acme' }, body: { from: '2026-06-01', to: '2026-06-30' } });
    expect(emailed.statusCode).toBe(202);
    expect(emailed.json.period).toEqual({ from: '2026-05-31T21:00:00.000Z', to: '2026-06-30T21:00:00.000Z' });
  });

  it('a date that does not exist, a reversed period or one over a year: 400 naming the field', async () => {
    for (const [query, field] of [
      [{ from: '2026-02-30', to: '2026-03-01' }, 'from'], [{ from: '2026-06-30', to: '2026-06-01' }, 'to'],
      [{ from: '2026-01-01', to: '2027-01-02' }, 'to'], [{ from: '2026-6-1', to: '2026-06-30' }, 'from'],
    ] as const) {
      const res = await report(query);
      expect(res.statusCode, JSON.stringify(query)).toBe(400);
      expect(res.json.errors.map((e: { path: string }) => e.path)).toContain(field);
    }
    expect((await report({ from: '2026-01-01', to: '2026-12-31' })).statusCode).toBe(200); // a whole year is allowed
  });
});
