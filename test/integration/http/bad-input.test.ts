// Bad input on every route, generated (fast-check, fixed seed): missing, wrong-typed and unknown
// fields, oversized bodies, malformed JSON, bad ids, bad query values, bad cursors (handcrafted
// ones that reach the store included) and bad headers. Every answer is a 4xx
// `application/problem+json` whose `status` is the HTTP status, naming the field at fault where
// there is one; never a 5xx. The real handlers run against DynamoDB Local.
import fc from 'fast-check';
import * as z from 'zod/mini';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../../functions/handlers/http/body.js';
import { encodeCursor } from '../../../functions/handlers/http/cursor.js';
import { ROUTES } from '../../../functions/handlers/http/routes.js';
import { loadRouteModules, makeApi, manualClock, routeKey, type Api, type ApiRequest, type ApiResponse, type Identity } from '../../support/http-api.js';
import { useDynamoDbLocal } from '../../support/dynamodb.js';
import { ORGS, PEOPLE, SUN_0900, seedWorld } from '../../support/world.js';

const db = useDynamoDbLocal();
let api: Api;
let ticketId: string; // an Acme ticket, In Progress
let resolvedId: string; // an Acme ticket, Resolved (for the customer's decision)

beforeAll(async () => {
  api = makeApi(await loadRouteModules(), db.client, db.tableName, manualClock(SUN_0900));
  await seedWorld(api.deps.directory);
  const open = async () => (await api.call('POST /tickets', { as: PEOPLE.dana, body: { type: 'incident', severity: 'high', subject: 'Dashboards blank', description: 'Since the upgrade' } })).json.id as string;
  [ticketId, resolvedId] = await Promise.all([open(), open()]);
  await api.call('POST /tickets/{id}/messages', { as: PEOPLE.tier1, params: { id: ticketId }, body: { body: 'Looking' } });
  await api.call('POST /tickets/{id}/transitions', { as: PEOPLE.tier1, params: { id: resolvedId }, body: { to: 'resolved', solution: 'Cleared the cache' } });
  api.clock.advanceMinutes(120); // room for logged work that started when the tickets opened and has ended by now
}, 30_000);

// Fixed by default so a run is repeatable; FC_SEED / FC_RUNS widen an exploratory run.
const SEED = Number(process.env.FC_SEED ?? 20260607);
const RUNS = Number(process.env.FC_RUNS ?? 20);
/** `examples` always run first: values known to have reached DynamoDB as keys it refuses. */
const check = <T>(arb: fc.Arbitrary<T>, predicate: (value: T) => Promise<void>, numRuns = RUNS, examples: T[] = []) =>
  fc.assert(fc.asyncProperty(arb, predicate), { seed: SEED, numRuns, examples: examples.map((e) => [e] as [T]) });

/** A 4xx problem whose `status` is the HTTP status; with `field`, one of its errors names it (or a path inside it). */
function expectProblem(res: ApiResponse, status: number | readonly number[], field?: string): void {
  const context = `${res.statusCode} ${res.body?.slice(0, 300)}`;
  expect(res.statusCode, context).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, context).toBeLessThan(500);
  expect(([] as number[]).concat(status), context).toContain(res.statusCode);
  expect(res.headers['content-type'], context).toBe('application/problem+json');
  expect(res.json, context).toMatchObject({ status: res.statusCode, type: expect.any(String), title: expect.any(String) });
  if (field !== undefined) {
    const paths = (res.json.errors ?? []).map((e: { path: string }) => e.path);
    expect(paths.some((p: string) => p === field || p.startsWith(`${field}.`)), `${field} named in ${JSON.stringify(paths)}`).toBe(true);
  }
}

// --- values of the wrong kind -------------------------------------------------------------------

const notAString = (nullable = false) => fc.oneof(
  fc.integer(), fc.double(), fc.boolean(), fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
  ...(nullable ? [] : [fc.constant(null)]),
);
/** A trimmed, length-bounded text: not a string, blank, or one character too long. */
const badText = (max: number, nullable = false) => fc.oneof(notAString(nullable), fc.constantFrom('', ' ', '\n\t '), fc.constant('x'.repeat(max + 1)));
/** A plain string of 1..max characters (not trimmed). */
const badString = (max: number) => fc.oneof(notAString(), fc.constant(''), fc.constant('y'.repeat(max + 1)));
const badEnum = (values: readonly string[], nullable = false) => fc.oneof(notAString(nullable), fc.string({ maxLength: 20 }).filter((s) => !values.includes(s)));
/** A query value that is not one of `values`. */
const badWord = (values: readonly string[]) => fc.oneof(fc.constantFrom('', 'NEW', ' high', `${values[0]},${values[1]}`), fc.string({ maxLength: 20 })).filter((s) => !values.includes(s));
const badBoolean = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null), fc.constantFrom('true', 'false', 0, 1), fc.array(fc.boolean(), { maxLength: 2 }));
const ORG_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;
const notAnOrgId = fc.string({ maxLength: 70 }).filter((s) => !ORG_ID.test(s));
const badPeriod = fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.constant({}), fc.constant({ validFrom: '2026-02-01', validTo: '2026-01-01' }), fc.constant({ validFrom: 'soon', validTo: '2026-01-01' }), fc.constant({ validFrom: '2026-01-01', validTo: '2026-12-31', extra: 1 }));
const badPerson = fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.constant({}), fc.constant({ name: '', email: 'x@y.example' }), fc.constant({ name: 'Maya', email: 'not-an-email' }));
const badPackages = fc.oneof(fc.string({ maxLength: 5 }), fc.constant(null), fc.constant({}), fc.constant([{ kind: 'gold', validFrom: '2026-01-01', validTo: '2026-12-31' }]), fc.constant([{ kind: 'css' }]), fc.constant(Array.from({ length: 21 }, () => ({ kind: 'css', validFrom: '2026-01-01', validTo: '2026-12-31' }))));

const STATUSES = ['new', 'in-progress', 'pending-customer', 'pending-vendor', 'resolved', 'closed'];
const SEVERITIES = ['urgent', 'high', 'normal'];

type Field = { name: string; required: boolean; wrong: fc.Arbitrary<unknown>; examples?: unknown[] };
const field = (name: string, required: boolean, wrong: fc.Arbitrary<unknown>, examples: unknown[] = []): Field => ({ name, required, wrong, examples });

/** How to send each route a good request, and what its inputs are, for the generators to spoil. */
type Spec = {
  as: () => Identity;
  valid: () => ApiRequest;
  body?: { fields: Field[]; namesEveryMissing?: boolean };
  params?: Record<string, fc.Arbitrary<string>>; // bad path values: 404, like an unknown id
  query?: Record<string, fc.Arbitrary<string>>; // bad query values: 400 naming the parameter
  cursor?: { pinned: string }; // the partition a store cursor of this list must stay in
  headers?: Record<string, { bad: fc.Arbitrary<string>; status: readonly number[]; field?: string }>;
  noInput?: true; // reads nothing from the request
};

const badTicketId = fc.oneof(fc.string({ maxLength: 60 }), fc.uuid(), fc.constantFrom('', '../../etc/passwd', '%', '%E0%A4%A', 'TICKET#x'));
const badEmail = fc.oneof(fc.string({ maxLength: 40 }), fc.constant(`${'a'.repeat(250)}@x.example`), fc.constant(`${'b'.repeat(1100)}@x.example`))
  .filter((s) => !z.email().check(z.maxLength(254)).safeParse(s).success);
const absentOrg = fc.stringMatching(ORG_ID).filter((s) => !(s in ORGS) && !Object.values(ORGS).some((o) => o.id === s));
const badIfMatch = fc.string({ maxLength: 30 }).filter((s) => s.trim() !== '' && s.trim() !== '*' && !/"\d+"/.test(s));
// A malformed tag is a 400 naming the form (RFC 9110's grammar); a well-formed stale one is a 412.
const ifMatchHeader = { 'if-match': { bad: badIfMatch, status: [400, 412], field: 'If-Match' } };
const badLimit = fc.oneof(fc.constantFrom('0', '-1', '101', '1.5', '1e9', 'NaN', 'Infinity', '', ' ', 'ten'), fc.string({ maxLength: 6 }))
  .filter((s) => { const n = Number(s); return !(Number.isInteger(n) && n >= 1 && n <= 100); });
const badCursor = fc.oneof(fc.constant(''), fc.string({ minLength: 1, maxLength: 60 }), fc.string({ minLength: 2049, maxLength: 2100 }), fc.base64String({ maxLength: 80 }));
const unknownParam = (known: readonly string[]) => fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !known.includes(k));

const onTicket = () => ({ params: { id: ticketId } });
/** Not a list of upload ids, too many, or ids of uploads that are not there (checked before anything is written). */
const badAttachments = fc.oneof(notAString().filter((v) => !Array.isArray(v)), fc.array(fc.string({ maxLength: 10 }), { minLength: 1, maxLength: 3 }),
  fc.array(fc.uuid(), { minLength: 6, maxLength: 8 }), fc.array(fc.uuid(), { minLength: 1, maxLength: 5 }), fc.constant([null]));
const badInstant = fc.oneof(notAString(), fc.constantFrom('', '2026-06-07', '2026-06-07T06:00:00', '2026-06-07 06:00:00Z', 'yesterday', '2026-13-01T00:00:00Z'), fc.string({ maxLength: 30 }))
  .filter((s) => typeof s !== 'string' || !z.iso.datetime().safeParse(s).success);
const badQueryInstant = badInstant.filter((v): v is string => typeof v === 'string');
/** A report period's bound: neither an instant nor a real date (a date is an Israel day since issue 9). */
const isDate = (s: unknown) => typeof s === 'string' && z.iso.date().safeParse(s).success;
const badBound = badInstant.filter((v) => !isDate(v));
const badQueryBound = badQueryInstant.filter((v) => !isDate(v));
const badMonth = fc.oneof(fc.constantFrom('', '2026-13', '2026-00', '2026-6', '26-06', '2026-06-01', '2026/06'), fc.string({ maxLength: 10 }))
  .filter((s) => !/^\d{4}-(0[1-9]|1[0-2])$/.test(s));
const JUNE = { from: '2026-06-01T00:00:00Z', to: '2026-07-01T00:00:00Z' };
let articleId: string; // a published `public` article
const anArticleBody = () => ({ title: 'Licences', body: 'Assign them under **Allocations**.', language: 'en', visibility: 'public', tags: ['licences'] });
const ARTICLE_FIELDS = [
  field('title', true, badText(200)), field('body', true, badString(50_000)), field('language', true, badEnum(['he', 'en'])),
  field('visibility', true, badEnum(['public', 'customers', 'internal'])),
  field('tags', false, fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.constant([1]), fc.constant(['']), fc.constant(['<b>']), fc.constant(Array.from({ length: 21 }, (_, i) => `t${i}`)))),
];
beforeAll(async () => {
  const created = await api.call('POST /articles', { as: PEOPLE.tier1, body: anArticleBody() });
  articleId = created.json.id;
  expect((await api.call('POST /articles/{id}/publish', { as: PEOPLE.tier1, params: { id: articleId } })).statusCode).toBe(200);
});

const SPECS: Record<string, Spec> = {
  'POST /tickets': {
    as: () => PEOPLE.dana,
    valid: () => ({ body: { type: 'incident', severity: 'normal', subject: 'Export hangs', description: 'Every export since Monday' } }),
    body: { fields: [
      field('type', true, badEnum(['incident', 'service-request'])), field('severity', true, badEnum(SEVERITIES)),
      field('subject', true, badText(200)), field('description', true, badText(20_000)),
      field('outage', false, badBoolean), field('remoteAccess', false, badBoolean),
      field('organisationId', false, fc.oneof(notAString(), notAnOrgId, absentOrg, fc.constant('globex'))), // another organisation's is as unknown
      field('attachments', false, badAttachments),
    ] },
    headers: { 'idempotency-key': { bad: fc.oneof(fc.constant(''), fc.constant('k'.repeat(256)), fc.string({ maxLength: 20 }).filter((s) => !/^[\x21-\x7e]{1,255}$/.test(s))), status: [400], field: 'Idempotency-Key' } },
  },
  'GET /tickets': {
    as: () => PEOPLE.tier1,
    valid: () => ({}),
    query: {
      // Several statuses are comma-separated (and `open` stands for all but closed): a list of good ones is no bad value.
      status: fc.oneof(badWord(STATUSES), fc.constantFrom(',', 'new,', ',open', 'open,shut'))
        .filter((s) => !s.split(',').every((w) => STATUSES.includes(w) || w === 'open')),
      severity: badWord(SEVERITIES),
      q: fc.oneof(fc.constantFrom('', ' ', '\t'), fc.constant(`q${'x'.repeat(200)}`)), sla: badWord(['at-risk', 'breached']),
      organisationId: notAnOrgId, assignee: fc.oneof(fc.constantFrom('', ' '), fc.constant(`a${' '.repeat(10)}${'z'.repeat(200)}`)), limit: badLimit, cursor: badCursor,
    },
    cursor: { pinned: 'TICKETS' },
  },
  'GET /tickets/{id}': { as: () => PEOPLE.tier1, valid: onTicket, params: { id: badTicketId } },
  'PATCH /tickets/{id}': {
    as: () => PEOPLE.tier1,
    valid: () => ({ ...onTicket(), headers: { 'if-match': '*' }, body: { outage: true } }),
    body: { fields: [
      field('severity', false, badEnum(SEVERITIES)), field('severityReason', false, badText(2000)), field('fault', false, badEnum(['vendor', 'application'], true)),
      field('outage', false, badBoolean), field('assignee', false, badText(200, true)), field('remoteAccess', false, badBoolean),
    ] },
    params: { id: badTicketId },
    headers: { 'if-match': { bad: fc.oneof(badIfMatch, fc.constantFrom('', ' ')), status: [400, 412, 428] } },
  },
  'POST /tickets/{id}/messages': {
    as: () => PEOPLE.tier1,
    valid: () => ({ ...onTicket(), body: { body: 'Any news?' } }),
    body: { fields: [field('body', true, badText(20_000)), field('visibility', false, badEnum(['public', 'internal'])), field('attachments', false, badAttachments)] },
    params: { id: badTicketId }, headers: ifMatchHeader,
  },
  'POST /tickets/{id}/transitions': {
    as: () => PEOPLE.tier1,
    valid: () => ({ ...onTicket(), body: { to: 'pending-vendor', vendorCaseNumber: 'Q-77' } }),
    body: { fields: [
      field('to', true, badEnum(STATUSES.filter((s) => s !== 'new'))), field('vendorCaseNumber', false, badText(100)),
      field('solution', false, badText(20_000)), field('reason', false, badText(2000)), field('comment', false, badText(20_000)),
    ] },
    params: { id: badTicketId }, headers: ifMatchHeader,
  },
  'POST /tickets/{id}/resolution': {
    as: () => PEOPLE.dana,
    valid: () => ({ params: { id: resolvedId }, body: { decision: 'reject', reason: 'Still blank' } }),
    // A discriminated union: without a valid `decision` only the discriminator is named.
    body: { fields: [field('decision', true, badEnum(['confirm', 'reject'])), field('reason', true, badText(2000))], namesEveryMissing: false },
    params: { id: badTicketId }, headers: ifMatchHeader,
  },
  'POST /tickets/{id}/escalations': {
    as: () => PEOPLE.tier1,
    valid: () => ({ ...onTicket(), body: { kind: 'internal', reason: 'Needs tier 2' } }),
    body: { fields: [field('kind', true, badEnum(['internal', 'external'])), field('reason', true, badText(2000))] },
    params: { id: badTicketId }, headers: ifMatchHeader,
  },
  'POST /tickets/{id}/work': {
    as: () => PEOPLE.tier1,
    valid: () => ({ ...onTicket(), body: { startedAt: SUN_0900, minutes: 30, kind: 'remote' } }),
    body: { fields: [
      // Well-formed instants the domain refuses: in the future, before the ticket opened, not yet ended.
      field('startedAt', true, fc.oneof(badInstant, fc.constantFrom('2030-01-01T00:00:00Z', '2026-06-01T06:00:00Z', '2026-06-07T07:59:00Z'))),
      field('minutes', true, fc.oneof(fc.constantFrom(0, -1, 1441, 1.5, '30', null, 1e9), notAString().filter((v) => typeof v !== 'number'))),
      field('kind', true, badEnum(['remote', 'on-site', 'travel'])), field('outOfScope', false, badBoolean), field('note', false, badText(2000)),
    ] },
    params: { id: badTicketId }, headers: ifMatchHeader,
  },
  'GET /tickets/{id}/work': { as: () => PEOPLE.tier1, valid: onTicket, params: { id: badTicketId } },
  'GET /organisations/{id}/statements/{month}': {
    as: () => PEOPLE.manager,
    valid: () => ({ params: { id: 'acme', month: '2026-06' } }),
    params: { id: fc.oneof(notAnOrgId, absentOrg), month: badMonth },
  },
  'POST /organisations/{id}/statements/{month}/close': {
    as: () => PEOPLE.manager,
    valid: () => ({ params: { id: 'acme', month: '2026-05' } }),
    params: { id: fc.oneof(notAnOrgId, absentOrg), month: badMonth },
  },
  'GET /organisations/{id}/report': {
    as: () => PEOPLE.manager,
    valid: () => ({ params: { id: 'acme' }, query: JUNE }),
    params: { id: fc.oneof(notAnOrgId, absentOrg) },
    query: { from: badQueryBound, to: badQueryBound },
  },
  'POST /organisations/{id}/report-emails': {
    as: () => PEOPLE.dana,
    valid: () => ({ params: { id: 'acme' }, body: JUNE }),
    body: { fields: [field('from', true, fc.oneof(badBound, fc.constantFrom('2026-02-30', '2026-6-1'))), field('to', true, fc.oneof(badBound, fc.constantFrom('2026-05-01T00:00:00Z', '2027-07-01T00:00:00Z', '2026-05-31')))] }, // before from; over a year
    params: { id: fc.oneof(notAnOrgId, absentOrg) },
  },
  'GET /organisations/{id}/report-subscriptions': { as: () => PEOPLE.manager, valid: () => ({ params: { id: 'acme' } }), params: { id: fc.oneof(notAnOrgId, absentOrg) } },
  'PUT /organisations/{id}/report-subscriptions/{email}': {
    as: () => PEOPLE.dana,
    valid: () => ({ params: { id: 'acme', email: PEOPLE.dana.email }, body: { frequency: 'monthly' } }),
    body: { fields: [field('frequency', true, badEnum(['weekly', 'monthly']))] },
    params: { id: fc.oneof(notAnOrgId, absentOrg), email: badEmail },
  },
  'DELETE /organisations/{id}/report-subscriptions/{email}': {
    as: () => PEOPLE.manager,
    valid: () => ({ params: { id: 'acme', email: 'nobody@acme.example' } }),
    params: { id: fc.oneof(notAnOrgId, absentOrg), email: badEmail },
  },
  'GET /reports/compliance': {
    as: () => PEOPLE.manager,
    valid: () => ({ query: JUNE }),
    query: { from: badQueryBound, to: badQueryBound },
  },
  'GET /organisations': {
    as: () => PEOPLE.admin,
    valid: () => ({}),
    query: { limit: badLimit, cursor: badCursor, partnerId: notAnOrgId },
    cursor: { pinned: 'ORGS' },
  },
  'GET /organisations/{id}': { as: () => PEOPLE.admin, valid: () => ({ params: { id: 'acme' } }), params: { id: fc.oneof(notAnOrgId, absentOrg) } },
  'PUT /organisations/{id}': {
    as: () => PEOPLE.admin,
    // A partner's customer: its partnerId is looked up, so a bad one reaches the store.
    valid: () => ({ params: { id: 'contoso' }, headers: { 'if-match': '*' }, body: structuredClone(ORGS.contoso) }),
    body: { fields: [
      field('id', true, fc.oneof(notAString(), fc.string({ maxLength: 70 }).filter((s) => s !== 'contoso'))), // not an id, or not the path's
      field('name', true, badString(200)), field('kind', true, badEnum(['direct', 'partner-customer', 'partner'])),
      field('partnerId', false, fc.oneof(notAString(), fc.string({ maxLength: 70 }), absentOrg, fc.constantFrom('acme', 'contoso', 'p'.repeat(3000))) // not a partner's id
        .filter((s) => s !== ORGS.northwind.id && s !== ORGS.fabrikam.id), ['p'.repeat(3000)]), // over DynamoDB's key size
      field('subscription', true, badPeriod), field('packages', false, badPackages), field('csm', false, badPerson), field('cse', false, badPerson),
    ] },
    params: { id: notAnOrgId }, // an absent id is a create: not a bad id
    headers: ifMatchHeader,
  },
  'GET /organisations/{id}/contacts': { as: () => PEOPLE.admin, valid: () => ({ params: { id: 'acme' } }), params: { id: fc.oneof(notAnOrgId, absentOrg) } },
  'PUT /organisations/{id}/contacts/{email}': {
    as: () => PEOPLE.admin,
    valid: () => ({ params: { id: 'acme', email: 'dana@acme.example' }, body: { name: 'Dana', language: 'en' } }),
    body: { fields: [field('name', true, badString(200)), field('language', false, badEnum(['he', 'en'])), field('unreachable', false, badBoolean)] },
    params: { id: fc.oneof(notAnOrgId, absentOrg), email: badEmail },
  },
  'DELETE /organisations/{id}/contacts/{email}': {
    as: () => PEOPLE.admin,
    valid: () => ({ params: { id: 'acme', email: 'nobody@acme.example' } }),
    params: { id: fc.oneof(notAnOrgId, absentOrg), email: badEmail },
  },
  'GET /openapi.json': { as: () => PEOPLE.dana, valid: () => ({}), noInput: true },
  // The knowledge base (R-KB-1). A bad article id is a 404, like an unknown one.
  'POST /articles': { as: () => PEOPLE.tier1, valid: () => ({ body: anArticleBody() }), body: { fields: ARTICLE_FIELDS } },
  'GET /articles': {
    as: () => PEOPLE.tier1,
    valid: () => ({ query: { q: 'licence' } }),
    query: {
      q: fc.string({ minLength: 201, maxLength: 400 }), language: badWord(['he', 'en']), limit: badLimit,
      tag: fc.constantFrom('', ' ', 't'.repeat(41)), status: badWord(['draft', 'published', 'withdrawn', 'all']),
    },
  },
  'GET /articles/{id}': { as: () => PEOPLE.dana, valid: () => ({ params: { id: articleId } }), params: { id: badTicketId } },
  'PUT /articles/{id}': {
    as: () => PEOPLE.tier1,
    valid: () => ({ params: { id: articleId }, headers: { 'if-match': '*' }, body: anArticleBody() }),
    body: { fields: ARTICLE_FIELDS }, params: { id: badTicketId },
    headers: { 'if-match': { bad: fc.oneof(badIfMatch, fc.constantFrom('', ' ')), status: [400, 412, 428] } },
  },
  'POST /articles/{id}/publish': { as: () => PEOPLE.tier1, valid: () => ({ params: { id: articleId } }), params: { id: badTicketId }, headers: ifMatchHeader },
  'POST /articles/{id}/withdraw': { as: () => PEOPLE.tier1, valid: () => ({ params: { id: articleId } }), params: { id: badTicketId }, headers: ifMatchHeader },
  'POST /articles/{id}/feedback': {
    as: () => PEOPLE.dana,
    valid: () => ({ params: { id: articleId }, body: { helpful: true } }),
    // Either { helpful } or { deflected: true }: with neither, helpful is named.
    body: { fields: [field('helpful', true, badBoolean)] }, params: { id: badTicketId },
  },
  'POST /tickets/{id}/articles': {
    as: () => PEOPLE.tier1,
    valid: () => ({ ...onTicket(), body: { articleId } }),
    body: { fields: [field('articleId', true, fc.oneof(notAString(), fc.string({ maxLength: 40 }), fc.uuid()))] }, // an unknown article is as bad as a malformed id
    params: { id: badTicketId }, headers: ifMatchHeader,
  },
  'GET /queue': {
    as: () => PEOPLE.tier1,
    valid: () => ({}),
    query: {
      mine: badWord(['true', 'false']), unassigned: badWord(['true', 'false']), tier: badWord(['1', '2', '3', '4']),
      status: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('', 'closed', 'NEW', 'new,closed', 'new,', ',new', 'new,,in-progress', 'x'.repeat(201)))
        .filter((s) => s.length > 200 || !s.split(',').every((p) => STATUSES.includes(p.trim()) && p.trim() !== 'closed')),
      severity: badWord(SEVERITIES), sla: badWord(['ok', 'at-risk', 'breached']), type: badWord(['incident', 'service-request']),
      organisationId: notAnOrgId, limit: badLimit, cursor: badCursor,
    },
  },
  'GET /policy': { as: () => PEOPLE.dana, valid: () => ({}), query: { versions: fc.oneof(fc.constantFrom('', ' ', 'charter-1,', ',charter-1', 'charter-1, charter-2', 'unknown-version', 'charter-1,nope'), fc.constant('v'.repeat(501))) } },
  'GET /calendar': {
    as: () => PEOPLE.dana,
    valid: () => ({ query: { from: '2026-09-01', to: '2026-09-30' } }),
    query: {
      from: fc.oneof(fc.constantFrom('', '2026-9-01', '2026-02-30', '1900-01-01', '2026-09-01T00:00:00Z', 'today'), fc.string({ maxLength: 12 })),
      to: fc.oneof(fc.constantFrom('', '2026-13-01', '2026-09-31', '2200-01-01'), fc.string({ maxLength: 12 })),
    },
  },
  'POST /uploads': {
    as: () => PEOPLE.dana,
    valid: () => ({ body: { fileName: 'reload.log', contentType: 'text/plain', size: 1200 } }),
    body: { fields: [
      field('fileName', true, fc.oneof(badText(200), fc.constantFrom('../x.png', 'a/b.log', 'c\\d.txt', 'tab\there.txt'))),
      field('contentType', true, badEnum(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain', 'text/csv', 'application/json', 'application/zip', 'application/gzip'])),
      field('size', true, fc.oneof(fc.constantFrom(0, -1, 1.5, '12', null, 10 * 1024 * 1024 + 1, 1e12), notAString().filter((v) => typeof v !== 'number'))),
    ] },
  },
  'GET /uploads/limits': { as: () => PEOPLE.dana, valid: () => ({}), noInput: true },
  'GET /tickets/{id}/attachments/{attachmentId}': {
    as: () => PEOPLE.dana,
    valid: () => ({ params: { id: ticketId, attachmentId: 'will-be-404-anyway' } }),
    params: { id: badTicketId, attachmentId: fc.oneof(fc.string({ maxLength: 70 }), fc.uuid(), fc.constantFrom('', '../../etc/passwd', '%', 'a'.repeat(65))) },
  },
};

const send = (key: string, req: ApiRequest) => api.call(key, { as: SPECS[key]!.as(), ...req });
const withBody = (req: ApiRequest, body: unknown): ApiRequest => ({ ...req, body });

describe('bad input: every route has its generators', () => {
  it('every route of routes.ts has a spec, and every spec a route', () => {
    expect(Object.keys(SPECS).sort()).toEqual(ROUTES.map(routeKey).sort());
  });
});

describe.each(ROUTES.map((r) => [routeKey(r)] as const))('bad input: %s', (key) => {
  const spec = SPECS[key]!;
  const fields = spec.body?.fields ?? [];
  const required = fields.filter((f) => f.required).map((f) => f.name);

  if (required.length > 0) it('missing fields: 400 naming them', () => check(fc.subarray(required, { minLength: 1 }), async (missing) => {
    const req = spec.valid();
    const body = { ...(req.body as Record<string, unknown>) };
    for (const name of missing) delete body[name];
    const res = await send(key, withBody(req, body));
    expectProblem(res, 400, spec.body!.namesEveryMissing === false ? missing[0] : undefined);
    if (spec.body!.namesEveryMissing !== false) for (const name of missing) expectProblem(res, 400, name);
  }));

  if (fields.length > 0) it('wrong-typed or out-of-range fields: 400 naming the field', () => check(
    fc.constantFrom(...fields).chain((f) => f.wrong.map((value) => [f.name, value] as const)),
    async ([name, value]) => {
      const req = spec.valid();
      expectProblem(await send(key, withBody(req, { ...(req.body as object), [name]: value })), 400, name);
    }, RUNS * 2, fields.flatMap((f) => (f.examples ?? []).map((value) => [f.name, value] as const))));

  if (fields.length > 0) it('unknown fields: 400 naming the field', () => check(
    fc.tuple(unknownParam(fields.map((f) => f.name)), fc.jsonValue({ maxDepth: 1 })),
    async ([name, value]) => {
      const req = spec.valid();
      expectProblem(await send(key, withBody(req, { ...(req.body as object), [name]: value })), 400, name);
    }));

  if (fields.length > 0) it(`bodies over ${MAX_BODY_BYTES} bytes: 413, before any parsing`, () => check(
    fc.tuple(fc.integer({ min: 1, max: 64 * 1024 }), fc.boolean(), fc.boolean()),
    async ([extra, asBase64, valid]) => {
      const req = spec.valid();
      const text = valid ? JSON.stringify({ ...(req.body as object), padding: 'p'.repeat(MAX_BODY_BYTES + extra) }) : `{"${'q'.repeat(MAX_BODY_BYTES + extra)}`;
      const res = await send(key, { ...req, body: asBase64 ? Buffer.from(text).toString('base64') : text, isBase64Encoded: asBase64 });
      expectProblem(res, 413);
    }, 8));

  if (fields.length > 0) it('a valid body declared as another media type: 415 naming Content-Type', () => check(
    fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=b', 'application/xml', 'text/json'),
    async (type) => {
      const req = spec.valid();
      expectProblem(await send(key, { ...req, headers: { ...req.headers, 'content-type': type } }), 415, 'Content-Type');
    }, 5));

  if (fields.length > 0) it('malformed JSON (as text or base64): 400', () => check(
    fc.oneof(
      fc.nat({ max: 40 }).map((n) => { const text = JSON.stringify(spec.valid().body); return text.slice(0, n % text.length); }), // cut short, or empty
      fc.string({ maxLength: 30 }).filter((s) => { try { JSON.parse(s); return false; } catch { return true; } }),
      fc.constantFrom("{'type':'incident'}", '{type:1}', '{"a":1,}', 'undefined', 'NaN', '{"a":01}', '\u0000', '[1,2'),
      fc.uint8Array({ maxLength: 40 }).map((bytes) => ({ base64: Buffer.from(bytes).toString('base64') })),
    ),
    async (input) => {
      const req = spec.valid();
      const res = typeof input === 'string' ? await send(key, withBody(req, input)) : await send(key, { ...req, body: input.base64, isBase64Encoded: true });
      expectProblem(res, 400);
    }));

  if (fields.length > 0) it('JSON that is not an object of the schema ({} included): 400', () => check(
    fc.oneof(fc.constant({}), fc.constant(null), fc.integer(), fc.string({ maxLength: 10 }), fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }), fc.boolean()),
    async (value) => expectProblem(await send(key, withBody(spec.valid(), JSON.stringify(value))), 400)));

  if (spec.params !== undefined) it('bad or unknown ids in the path: 404, like any id that is not there', () => check(
    fc.constantFrom(...Object.keys(spec.params!)).chain((name) => spec.params![name]!.map((value) => [name, value] as const)),
    async ([name, value]) => {
      const req = spec.valid();
      expectProblem(await send(key, { ...req, params: { ...req.params, [name]: value } }), 404);
    }, RUNS * 2));

  if (spec.query !== undefined) it('bad query values and unknown parameters: 400 naming the parameter', () => check(
    fc.oneof(
      fc.constantFrom(...Object.keys(spec.query!)).chain((name) => spec.query![name]!.map((value) => [name, value] as const)),
      fc.tuple(unknownParam(Object.keys(spec.query!)), fc.string({ maxLength: 10 })),
    ),
    async ([name, value]) => expectProblem(await send(key, { params: spec.valid().params, query: { [name]: value } }), 400, name), RUNS * 3));

  if (spec.cursor !== undefined) it('handcrafted cursors that pass the query check reach the store: 400 naming cursor unless a real position', () => {
    const pinned = spec.cursor!.pinned;
    const keyName = fc.constantFrom('PK', 'SK', 'GSI4PK', 'GSI4SK', 'GSI1PK', 'GSI3SK', 'pk', '');
    const keyValue = fc.oneof(
      { weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: 20 }) }, fc.constant(''), fc.constant(pinned), fc.constant('TICKET#x'),
      fc.string({ unit: 'grapheme', minLength: 400, maxLength: 500 }), fc.string({ minLength: 1025, maxLength: 1100 }),
      fc.integer(), fc.constant(null), fc.constant({ S: 'x' }),
    );
    const fourKeys = fc.record({ PK: keyValue, SK: keyValue, GSI4PK: fc.oneof(fc.constant(pinned), keyValue), GSI4SK: keyValue });
    const storeCursor = fc.oneof(
      fc.dictionary(keyName, keyValue, { maxKeys: 5 }).map((o) => JSON.stringify(o)),
      fourKeys.map((o) => JSON.stringify(o)),
      fc.constantFrom('null', '[]', '"x"', '7', '{'),
      fc.string({ maxLength: 30 }),
    ).map((json) => Buffer.from(json).toString('base64url'));
    /** What DynamoDB takes as ExclusiveStartKey: exactly the index's keys, non-empty strings, in the queried partition. */
    const isRealPosition = (c: string) => {
      try {
        const o = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
        const keys = ['PK', 'SK', 'GSI4PK', 'GSI4SK'];
        return o !== null && typeof o === 'object' && !Array.isArray(o) && Object.keys(o).length === 4 && keys.every((k) => typeof o[k] === 'string' && o[k] !== '' && Buffer.byteLength(o[k]) <= 1024) && o.GSI4PK === pinned;
      } catch { return false; }
    };
    return check(storeCursor, async (c) => {
      const res = await send(key, { query: { cursor: encodeCursor(c, {})! } }); // the tag of this caller's unfiltered query
      if (isRealPosition(c)) expect(res.statusCode, res.body).toBe(200);
      else expectProblem(res, 400, 'cursor');
    }, RUNS * 4);
  });

  if (spec.headers !== undefined) it('bad headers: 4xx naming the header where it is one', () => check(
    fc.constantFrom(...Object.keys(spec.headers!)).chain((name) => spec.headers![name]!.bad.map((value) => [name, value] as const)),
    async ([name, value]) => {
      const req = spec.valid();
      const { status, field: named } = spec.headers![name]!;
      expectProblem(await send(key, { ...req, headers: { ...req.headers, [name]: value } }), status, named);
    }));

  if (spec.noInput === true) it('takes no input: junk in the query, headers or body changes nothing, and is never a 5xx', () => check(
    fc.record({ query: fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }), body: fc.string({ maxLength: 50 }), token: fc.boolean() }),
    async ({ query, body, token }) => {
      const res = await api.call(key, { as: token ? PEOPLE.dana : null, query, body, headers: { 'if-match': body } });
      expect(res.statusCode).toBe(200);
    }, 10));
});
