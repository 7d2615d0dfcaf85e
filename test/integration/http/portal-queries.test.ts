// What the portal asks of the ticket routes, through the real handlers on DynamoDB Local: a
// ticket by its number, several statuses in one filter, and text search over number and subject,
// each confined as every read is (R-TKT-6, R-PARTY-2).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRouteModules, makeApi, manualClock, type Api, type Identity } from '../../support/http-api.js';
import { useDynamoDbLocal } from '../../support/dynamodb.js';
import { PEOPLE, SUN_0900, seedWorld } from '../../support/world.js';

const db = useDynamoDbLocal();
let api: Api;
type Opened = { id: string; number: string; subject: string };
let reload: Opened; // acme, in progress
let export_: Opened; // acme, pending customer
let hebrew: Opened; // acme, new
let globexTicket: Opened;
let contosoTicket: Opened; // opened by the partner Northwind for its customer

async function open(as: Identity, subject: string, organisationId?: string): Promise<Opened> {
  const res = await api.call('POST /tickets', { as, body: { type: 'incident', severity: 'normal', subject, description: 'details', ...(organisationId ? { organisationId } : {}) } });
  expect(res.statusCode, JSON.stringify(res.json)).toBe(201);
  api.clock.advanceMinutes(1); // distinct creation instants: newest first is well defined
  return { id: res.json.id, number: res.json.number, subject };
}

beforeAll(async () => {
  api = makeApi(await loadRouteModules(), db.client, db.tableName, manualClock(SUN_0900));
  await seedWorld(api.deps.directory);
  reload = await open(PEOPLE.dana, 'Night RELOAD fails at 40%');
  export_ = await open(PEOPLE.noa, 'Export to Excel hangs');
  hebrew = await open(PEOPLE.dana, 'הדוח הלילי נכשל');
  globexTicket = await open(PEOPLE.gil, 'Night reload fails too');
  contosoTicket = await open(PEOPLE.pat, 'Reload of the contoso warehouse', 'contoso');
  expect((await api.call('POST /tickets/{id}/messages', { as: PEOPLE.tier1, params: { id: reload.id }, body: { body: 'Looking' } })).statusCode).toBe(200);
  expect((await api.call('POST /tickets/{id}/transitions', { as: PEOPLE.tier1, params: { id: export_.id }, body: { to: 'pending-customer', reason: 'Send the file' } })).statusCode).toBe(200);
});

const list = async (as: Identity, query: Record<string, string>) => {
  const res = await api.call('GET /tickets', { as, query });
  expect(res.statusCode, JSON.stringify(res.json)).toBe(200);
  return res.json as { items: { id: string; number: string; status: string }[]; cursor: string | null };
};
const numbers = async (as: Identity, query: Record<string, string>) => (await list(as, query)).items.map((t) => t.number);

describe('R-PORTAL-1: a ticket is found by its number', () => {
  it('R-PORTAL-1: GET /tickets/T-… answers the ticket, in any case of the T', async () => {
    for (const ref of [reload.number, reload.number.toLowerCase()]) {
      const res = await api.call('GET /tickets/{id}', { as: PEOPLE.dana, params: { id: ref } });
      expect(res.statusCode).toBe(200);
      expect(res.json).toMatchObject({ id: reload.id, number: reload.number });
      expect(res.headers.etag).toBeDefined();
    }
  });

  it("R-TKT-6: another organisation's number, or one never given, is a 404 problem", async () => {
    for (const ref of [reload.number, 'T-999999']) {
      const res = await api.call('GET /tickets/{id}', { as: PEOPLE.gil, params: { id: ref } });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toBe('application/problem+json');
    }
  });

  it('R-PARTY-2: the partner reads its customer\'s ticket by number', async () => {
    expect((await api.call('GET /tickets/{id}', { as: PEOPLE.pat, params: { id: contosoTicket.number } })).statusCode).toBe(200);
    expect((await api.call('GET /tickets/{id}', { as: PEOPLE.fay, params: { id: contosoTicket.number } })).statusCode).toBe(404);
  });

  it('R-PORTAL-1: a command by number writes to that ticket', async () => {
    const res = await api.call('POST /tickets/{id}/messages', { as: PEOPLE.dana, params: { id: hebrew.number }, body: { body: 'עוד פרט' } });
    expect(res.statusCode, JSON.stringify(res.json)).toBe(200);
    expect(res.json.id).toBe(hebrew.id);
    const detail = await api.call('GET /tickets/{id}', { as: PEOPLE.dana, params: { id: hebrew.id } });
    expect(detail.json.messages.map((m: { body: string }) => m.body)).toContain('עוד פרט');
  });
});

describe('R-PORTAL-1: several statuses in one filter', () => {
  it('R-PORTAL-1: status=in-progress,pending-customer lists both, newest first, and nothing else', async () => {
    expect(await numbers(PEOPLE.dana, { status: 'in-progress,pending-customer' })).toEqual([export_.number, reload.number]);
    expect(await numbers(PEOPLE.dana, { status: 'new' })).toEqual([hebrew.number]);
  });

  it('R-PORTAL-1: status=open is every status but Closed; the center\'s list without an organisation reads the same', async () => {
    expect(await numbers(PEOPLE.dana, { status: 'open' })).toEqual([hebrew.number, export_.number, reload.number]);
    expect(await numbers(PEOPLE.dana, { status: 'closed' })).toEqual([]);
    const center = await numbers(PEOPLE.tier1, { status: 'in-progress,pending-customer', limit: '100' });
    expect(center).toEqual([export_.number, reload.number]);
  });
});

describe('R-PORTAL-1: text search over number and subject', () => {
  it('R-PORTAL-1: any case, English or Hebrew, confined to the caller\'s organisation (R-TKT-6)', async () => {
    expect(await numbers(PEOPLE.dana, { q: 'reload' })).toEqual([reload.number]);
    expect(await numbers(PEOPLE.dana, { q: 'ExPoRt' })).toEqual([export_.number]);
    expect(await numbers(PEOPLE.dana, { q: 'הלילי' })).toEqual([hebrew.number]);
    expect(await numbers(PEOPLE.gil, { q: 'reload' })).toEqual([globexTicket.number]);
  });

  it('R-PORTAL-1: a number, with or without its T-, finds that ticket; another organisation\'s is not found', async () => {
    const digits = reload.number.slice(2);
    expect(await numbers(PEOPLE.dana, { q: reload.number })).toEqual([reload.number]);
    expect(await numbers(PEOPLE.dana, { q: digits })).toEqual([reload.number]);
    expect(await numbers(PEOPLE.dana, { q: reload.number.toLowerCase() })).toEqual([reload.number]);
    expect(await numbers(PEOPLE.gil, { q: reload.number })).toEqual([]);
    expect(await numbers(PEOPLE.dana, { q: reload.number, status: 'closed' })).toEqual([]); // the other filters still apply
  });

  it('R-PORTAL-1: part of a number searches as text: every ticket whose number holds it, newest first', async () => {
    const prefix = reload.number.slice(0, 4); // T-10…
    expect(await numbers(PEOPLE.dana, { q: prefix })).toEqual([hebrew.number, export_.number, reload.number]);
    expect(await numbers(PEOPLE.dana, { q: prefix.toLowerCase() })).toEqual([hebrew.number, export_.number, reload.number]);
  });

  it('R-PARTY-2: the partner searches its own and its customers\' tickets only', async () => {
    expect(await numbers(PEOPLE.pat, { q: 'reload' })).toEqual([contosoTicket.number]);
    expect(await numbers(PEOPLE.fay, { q: 'reload' })).toEqual([]);
    expect(await numbers(PEOPLE.fay, { q: contosoTicket.number })).toEqual([]);
  });

  it('R-PORTAL-1: a search pages with cursors, newest first, each ticket once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(PEOPLE.tier1, { q: 'RELOAD', limit: '1', ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((t) => t.number));
      cursor = page.cursor;
    } while (cursor);
    expect(seen).toEqual([contosoTicket.number, globexTicket.number, reload.number]);
  });

  it('a cursor of one search is refused by another (400 naming cursor)', async () => {
    const page = await list(PEOPLE.tier1, { q: 'reload', limit: '1' });
    const res = await api.call('GET /tickets', { as: PEOPLE.tier1, query: { q: 'export', limit: '1', cursor: page.cursor! } });
    expect(res.statusCode).toBe(400);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual(['cursor']);
  });
});
