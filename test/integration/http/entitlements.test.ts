// Entitlements at opening, through POST /tickets on DynamoDB Local: the subscription state and
// packages in force (R-ENT-1..2), the extended calendar (R-CAL-3), the CSS noon rule and its
// CSM (R-SLA-3, R-ENT-3), partners (R-PARTY-2..3). Due times are checked against the SLA
// preview's arithmetic (computeSlaPreview), the same rules the tickets use.
import { beforeAll, describe, expect, it } from 'vitest';
import { computeSlaPreview, defaultPolicy, type Severity } from '../../../functions/domain/index.js';
import { loadRouteModules, makeApi, manualClock, type Api, type Identity } from '../../support/http-api.js';
import { useDynamoDbLocal } from '../../support/dynamodb.js';
import { ORGS, PEOPLE, SUN_0900, seedWorld } from '../../support/world.js';

const db = useDynamoDbLocal();
let api: Api;

beforeAll(async () => {
  api = makeApi(await loadRouteModules(), db.client, db.tableName, manualClock(SUN_0900));
  await seedWorld(api.deps.directory);
});

// Israel is on IDT (UTC+3) in June.
const SUN_1300 = '2026-06-07T10:00:00.000Z'; // after the CSS noon
const SUN_1800 = '2026-06-07T15:00:00.000Z'; // basic hours over, extended hours still open
const THU_1930 = '2026-06-11T16:30:00.000Z'; // the last half hour of an extended week

type Opening = { as: Identity; at: string; type?: 'incident' | 'service-request'; severity?: Severity; organisationId?: string };

async function open({ as, at, type = 'incident', severity = 'high', organisationId }: Opening) {
  api.clock.set(at);
  const res = await api.call('POST /tickets', { as, body: { type, severity, subject: `${type} for ${as.email}`, description: 'Reports take hours', ...(organisationId ? { organisationId } : {}) } });
  expect(res.statusCode, JSON.stringify(res.json)).toBe(201);
  return res.json;
}
const asAgent = async (id: string) => (await api.call('GET /tickets/{id}', { as: PEOPLE.tier1, params: { id } })).json;
const preview = (at: string, severity: Severity, calendar: 'basic' | 'extended', css = false) =>
  computeSlaPreview({ severity, at, calendar, css }, defaultPolicy);

describe('R-PARTY-1: direct customers, partners\' customers and partners, kept by the administrator', () => {
  const put = (body: Record<string, unknown>) => api.call('PUT /organisations/{id}', { as: PEOPLE.admin, params: { id: String(body.id) }, body });
  const year = { validFrom: '2026-01-01', validTo: '2026-12-31' };

  it('R-PARTY-1: each kind is created; a partner\'s customer names its partner, which lists it', async () => {
    expect((await put({ id: 'tailwind', name: 'Tailwind Partners', kind: 'partner', subscription: year })).statusCode).toBe(201);
    expect((await put({ id: 'woodgrove', name: 'Woodgrove', kind: 'direct', subscription: year })).statusCode).toBe(201);
    const customer = await put({ id: 'margie', name: 'Margie Travel', kind: 'partner-customer', partnerId: 'tailwind', subscription: year });
    expect(customer.statusCode).toBe(201);
    expect(customer.json).toMatchObject({ kind: 'partner-customer', partnerId: 'tailwind', version: 1 });
    const listed = await api.call('GET /organisations', { as: PEOPLE.manager, query: { partnerId: 'tailwind' } });
    expect(listed.json.items.map((o: any) => o.id)).toEqual(['margie']);
  });

  it("R-PARTY-1: a partner's customer must name a partner, and only it names one (400 naming partnerId)", async () => {
    for (const body of [
      { id: 'fourth-coffee', name: 'Fourth Coffee', kind: 'partner-customer', partnerId: 'woodgrove', subscription: year }, // a direct customer is no partner
      { id: 'fourth-coffee', name: 'Fourth Coffee', kind: 'partner-customer', partnerId: 'nobody-here', subscription: year },
      { id: 'fourth-coffee', name: 'Fourth Coffee', kind: 'partner-customer', partnerId: null, subscription: year },
      { id: 'fourth-coffee', name: 'Fourth Coffee', kind: 'direct', partnerId: 'tailwind', subscription: year },
    ]) {
      const res = await put(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json.errors.map((e: any) => e.path)).toContain('partnerId');
    }
    expect((await api.call('GET /organisations/{id}', { as: PEOPLE.admin, params: { id: 'fourth-coffee' } })).statusCode).toBe(404);
  });
});

describe('R-ENT-1: without an active subscription a ticket is accepted, flagged expired, and gets no SLA clock', () => {
  it('R-ENT-1: an expired subscription: 201, flagged for the agents, no SLA entry at all', async () => {
    const opened = await open({ as: PEOPLE.lena, at: SUN_0900, severity: 'urgent' });
    const ticket = await asAgent(opened.id);
    expect(ticket.entitlement).toEqual({ subscription: 'expired', calendar: 'basic', css: false });
    expect(ticket.sla).toEqual({});
    expect(ticket.history[0]).toMatchObject({ type: 'ticket-opened', data: { entitlement: { subscription: 'expired' }, due: {} } });
    // Nor does work start one: an agent's reply sets no contact-frequency clock.
    await api.call('POST /tickets/{id}/messages', { as: PEOPLE.tier1, params: { id: opened.id }, body: { body: 'We will look, with no SLA' } });
    expect((await asAgent(opened.id)).sla).toEqual({});
  });

  it('R-ENT-1: an active subscription is not flagged and its clock runs from the opening', async () => {
    const opened = await open({ as: PEOPLE.dana, at: SUN_0900, severity: 'urgent' });
    expect(opened.entitlement.subscription).toBe('active');
    expect(opened.sla.firstResponse).toMatchObject({ startAt: SUN_0900, dueAt: preview(SUN_0900, 'urgent', 'basic').firstResponseDue, metAt: null, breachedAt: null });
  });

  it("R-ENT-1, R-PARTY-3: a partner's customer without a subscription is flagged the same way, whoever opens", async () => {
    for (const opened of [await open({ as: PEOPLE.lior, at: SUN_0900 }), await open({ as: PEOPLE.pat, at: SUN_0900, organisationId: ORGS.lapsedPc.id })]) {
      expect(opened.entitlement.subscription).toBe('expired');
      expect(opened.sla).toEqual({});
    }
  });
});

describe('R-CAL-3: an extended-hours organisation works 08:00-20:00 on the same days', () => {
  it.each([[SUN_1800, 'high'], [THU_1930, 'urgent'], [SUN_0900, 'normal']] as const)('R-CAL-3: opened %s, %s: due times are the extended calendar\'s', async (at, severity) => {
    const opened = await open({ as: PEOPLE.owen, at, severity });
    const expected = preview(at, severity, 'extended');
    expect(opened.entitlement.calendar).toBe('extended');
    expect(opened.sla.firstResponse.dueAt).toBe(expected.firstResponseDue);
    // An agent's reply then starts the contact clock on the same calendar.
    api.clock.set(at);
    const replied = (await api.call('POST /tickets/{id}/messages', { as: PEOPLE.tier1, params: { id: opened.id }, body: { body: 'On it' } })).json;
    expect(replied.sla.contact.dueAt).toBe(expected.contactDue);
  });

  it('R-CAL-3: without the package, the same instant runs on the basic calendar (and the two differ)', async () => {
    const opened = await open({ as: PEOPLE.dana, at: SUN_1800, severity: 'high' });
    expect(opened.entitlement.calendar).toBe('basic');
    expect(opened.sla.firstResponse.dueAt).toBe(preview(SUN_1800, 'high', 'basic').firstResponseDue);
    expect(opened.sla.firstResponse.dueAt).not.toBe(preview(SUN_1800, 'high', 'extended').firstResponseDue);
  });
});

describe('R-SLA-3, R-ENT-3: a CSS organisation\'s service request gets the noon rule and its CSM', () => {
  it.each([['before noon', SUN_0900], ['after noon', SUN_1300]])('R-SLA-3: opened %s: cssResponse is due as the preview says', async (_when, at) => {
    const opened = await open({ as: PEOPLE.stella, at, type: 'service-request', severity: 'normal' });
    const expected = preview(at, 'normal', 'basic', true);
    expect(opened.entitlement).toEqual({ subscription: 'active', calendar: 'basic', css: true });
    expect(opened.sla.cssResponse).toMatchObject({ startAt: at, dueAt: expected.cssResponseDue, metAt: null });
    expect(opened.sla.firstResponse.dueAt).toBe(expected.firstResponseDue); // R-SLA-4: as for an incident
    expect(opened.csm).toEqual(ORGS.stellar.csm); // R-ENT-3
    expect(opened.cse).toEqual(ORGS.stellar.cse);
  });

  it('R-SLA-3: same day before noon, next business day after', () => {
    expect(preview(SUN_0900, 'normal', 'basic', true).cssResponseDue).toBe('2026-06-07T14:00:00.000Z'); // Sunday 17:00
    expect(preview(SUN_1300, 'normal', 'basic', true).cssResponseDue).toBe('2026-06-08T14:00:00.000Z'); // Monday 17:00
  });

  it('R-SLA-3: a CSS organisation\'s incident, or another organisation\'s service request, gets no cssResponse', async () => {
    const incident = await open({ as: PEOPLE.stella, at: SUN_0900, type: 'incident' });
    expect(incident.sla.cssResponse).toBeUndefined();
    expect(incident.csm).toEqual(ORGS.stellar.csm); // R-ENT-3: the CSM follows every ticket of the organisation
    const request = await open({ as: PEOPLE.dana, at: SUN_0900, type: 'service-request' });
    expect(request.sla.cssResponse).toBeUndefined();
    expect(request.entitlement.css).toBe(false);
    expect(request.csm).toBeNull();
  });

  it('R-ENT-3: an agent\'s reply meets the CSS response with the first response', async () => {
    const opened = await open({ as: PEOPLE.stella, at: SUN_0900, type: 'service-request' });
    api.clock.set('2026-06-07T07:00:00.000Z');
    const replied = (await api.call('POST /tickets/{id}/messages', { as: PEOPLE.tier1, params: { id: opened.id }, body: { body: 'Your CSM will call' } })).json;
    expect(replied.sla.cssResponse.metAt).toBe('2026-06-07T07:00:00.000Z');
    expect(replied.sla.firstResponse.metAt).toBe('2026-06-07T07:00:00.000Z');
  });
});

describe('R-ENT-2: the packages in force at opening are recorded on the ticket', () => {
  it('R-ENT-2: a package valid on the opening date is recorded; an expired one is not', async () => {
    const opened = await open({ as: PEOPLE.owen, at: SUN_0900 });
    expect(opened.packages).toEqual(['extended-hours']); // installs-upgrades ended in 2025
    expect((await asAgent(opened.id)).history[0].data.packages).toEqual(['extended-hours']);
    expect((await open({ as: PEOPLE.tess, at: SUN_0900 })).packages).toEqual(['css', 'extended-hours']);
    expect((await open({ as: PEOPLE.dana, at: SUN_0900 })).packages).toEqual([]);
  });

  it('R-ENT-2: the validity period is read on the opening date in Israel: a package not yet begun is not in force', async () => {
    // 31 Dec 2025, 23:30 in Israel (IST, UTC+2): the 2025 package holds, the 2026 ones not yet.
    const opened = await open({ as: PEOPLE.owen, at: '2025-12-31T21:30:00.000Z' });
    expect(opened.packages).toEqual(['installs-upgrades']);
    expect(opened.entitlement).toEqual({ subscription: 'expired', calendar: 'basic', css: false });
  });
});

describe('R-PARTY-2: what is billable on a partner\'s customer\'s ticket is billed to the partner', () => {
  // The API does not show billToOrganisationId; the real store does.
  const billedTo = async (id: string) => (await api.deps.tickets.get(id))!.ticket.billToOrganisationId;

  it('R-PARTY-2: a partner opening for its customer: the ticket is the customer\'s, followed by and billed to the partner', async () => {
    const opened = await open({ as: PEOPLE.pat, at: SUN_0900, organisationId: ORGS.contoso.id });
    expect(opened).toMatchObject({ organisationId: 'contoso', partnerId: 'northwind', openedBy: PEOPLE.pat.email });
    expect(await billedTo(opened.id)).toBe('northwind');
    // Opened by the customer itself, it is billed to the partner all the same: never to the end customer.
    const own = await open({ as: PEOPLE.tom, at: SUN_0900 });
    expect(await billedTo(own.id)).toBe('northwind');
  });

  it('R-PARTY-2: a direct customer is billed itself, and a partner may not open for an organisation it does not serve', async () => {
    expect(await billedTo((await open({ as: PEOPLE.dana, at: SUN_0900 })).id)).toBe('acme');
    api.clock.set(SUN_0900);
    const refused = await api.call('POST /tickets', { as: PEOPLE.pat, body: { type: 'incident', severity: 'high', subject: 'Not ours', description: 'x', organisationId: 'globex' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json.errors).toEqual([expect.objectContaining({ path: 'organisationId' })]);
  });
});

describe("R-PARTY-3: the charter applies to a partner's customer as to a direct one", () => {
  const slaOf = (t: any) => Object.fromEntries(Object.entries(t.sla).map(([k, v]: [string, any]) => [k, { dueAt: v.dueAt, warnAt: v.warnAt }]));

  it("R-PARTY-3: a partner's customer and a direct customer opening alike get the same targets", async () => {
    for (const at of [SUN_0900, SUN_1800]) {
      const direct = await open({ as: PEOPLE.dana, at, severity: 'urgent' });
      const viaPartner = await open({ as: PEOPLE.pat, at, severity: 'urgent', organisationId: ORGS.contoso.id });
      expect(slaOf(viaPartner)).toEqual(slaOf(direct));
      expect(viaPartner.entitlement).toEqual(direct.entitlement);
    }
  });

  it("R-PARTY-3: a partner's customer's packages count as a direct customer's: extended hours and CSS", async () => {
    const opened = await open({ as: PEOPLE.pat, at: SUN_1300, type: 'service-request', severity: 'high', organisationId: ORGS.tailspin.id });
    const expected = preview(SUN_1300, 'high', 'extended', true);
    expect(opened.entitlement).toEqual({ subscription: 'active', calendar: 'extended', css: true });
    expect(opened.sla.firstResponse.dueAt).toBe(expected.firstResponseDue);
    expect(opened.sla.cssResponse.dueAt).toBe(expected.cssResponseDue);
    expect(opened.csm).toEqual(ORGS.tailspin.csm);
  });
});
