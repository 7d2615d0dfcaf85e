// Issue 5, acceptance: `GET /openapi.json` is served locally; this walks the document and calls
// every documented route over real HTTP, checking each answer's status is one the document lists
// for that operation and its body validates against the documented schema for that status.
// The operations come from the document: a new route without a call below fails the walk.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { useStack, type Answer } from './stack.js';

// ajv-formats is CommonJS: its default export arrives as the module object under NodeNext.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

const SUN_1000 = '2030-01-06T08:00:00.000Z'; // a business morning years ahead of any real clock
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

type Json = Record<string, any>;
type Operation = { method: string; path: string; operationId: string; responses: Record<string, Json> };
type Tokens = Record<'admin' | 'agent' | 'customer', string>;
type Call = { method: string; route: string; token: string | null; body?: unknown; headers?: Record<string, string> };

const stack = useStack('local-stack-openapi', ['--memory', '--seed', '--clock', 'manual']);
let doc: Json;

const operationsOf = (document: Json): Operation[] =>
  Object.entries(document.paths as Record<string, Json>).flatMap(([p, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ method: m.toUpperCase(), path: p, operationId: item[m].operationId as string, responses: item[m].responses as Record<string, Json> })));

/** The walk: one valid request per operation, in an order where each finds what it needs. */
function plan(tokens: Tokens, ticket: () => { id: string; etag: string }): Record<string, () => Call | Promise<Call>> {
  const t = () => ticket().id;
  const ifMatch = () => ({ 'If-Match': ticket().etag });
  return {
    getOpenapi: () => ({ method: 'GET', route: '/openapi.json', token: null }),
    createTicket: () => ({
      method: 'POST', route: '/tickets', token: tokens.customer, headers: { 'Idempotency-Key': 'openapi-walk-create-1' },
      body: { type: 'incident', severity: 'normal', subject: 'Walked by the OpenAPI test', description: 'Every route, once.' },
    }),
    listTickets: () => ({ method: 'GET', route: '/tickets?limit=10', token: tokens.agent }),
    getTicket: () => ({ method: 'GET', route: `/tickets/${t()}`, token: tokens.agent }),
    updateTicket: () => ({ method: 'PATCH', route: `/tickets/${t()}`, token: tokens.agent, headers: ifMatch(), body: { severity: 'high', severityReason: 'The night reload blocks the morning shift.' } }),
    addMessage: () => ({ method: 'POST', route: `/tickets/${t()}/messages`, token: tokens.agent, body: { body: 'We are looking at it.' } }),
    logWork: async () => {
      await stack.moveClock({ advance: 'PT1H' }); // the work must have ended by now
      return { method: 'POST', route: `/tickets/${t()}/work`, token: tokens.agent, body: { startedAt: SUN_1000, minutes: 45, kind: 'remote', note: 'Read the reload logs.' } };
    },
    listWork: () => ({ method: 'GET', route: `/tickets/${t()}/work`, token: tokens.agent }),
    escalateTicket: () => ({ method: 'POST', route: `/tickets/${t()}/escalations`, token: tokens.agent, body: { kind: 'internal', reason: 'Needs tier 2.' } }),
    changeStatus: () => ({ method: 'POST', route: `/tickets/${t()}/transitions`, token: tokens.agent, body: { to: 'resolved', solution: 'Restarted the reload job.' } }),
    decideResolution: () => ({ method: 'POST', route: `/tickets/${t()}/resolution`, token: tokens.customer, body: { decision: 'confirm' } }),
    getStatement: () => ({ method: 'GET', route: '/organisations/acme/statements/2030-01', token: tokens.admin }),
    closeStatement: () => ({ method: 'POST', route: '/organisations/acme/statements/2029-12/close', token: tokens.admin }),
    getTicketReport: () => ({ method: 'GET', route: '/organisations/acme/report?from=2030-01-01T00:00:00Z&to=2030-02-01T00:00:00Z', token: tokens.customer }),
    emailReport: () => ({ method: 'POST', route: '/organisations/acme/report-emails', token: tokens.customer, body: { from: '2030-01-01T00:00:00Z', to: '2030-01-07T00:00:00Z' } }),
    putReportSubscription: () => ({ method: 'PUT', route: '/organisations/acme/report-subscriptions/dana@acme.example', token: tokens.customer, body: { frequency: 'monthly' } }),
    listReportSubscriptions: () => ({ method: 'GET', route: '/organisations/acme/report-subscriptions', token: tokens.customer }),
    deleteReportSubscription: () => ({ method: 'DELETE', route: '/organisations/acme/report-subscriptions/dana@acme.example', token: tokens.customer }),
    getComplianceReport: () => ({ method: 'GET', route: '/reports/compliance?from=2030-01-01T00:00:00Z&to=2030-02-01T00:00:00Z', token: tokens.admin }),
    listOrganisations: () => ({ method: 'GET', route: '/organisations?limit=10', token: tokens.admin }),
    getOrganisation: () => ({ method: 'GET', route: '/organisations/partner-one', token: tokens.admin }),
    putOrganisation: () => ({
      method: 'PUT', route: '/organisations/walk-co', token: tokens.admin,
      body: { id: 'walk-co', name: 'Walk Co', kind: 'partner-customer', partnerId: 'partner-one', subscription: { validFrom: '2025-01-01', validTo: '2099-12-31' } },
    }),
    listContacts: () => ({ method: 'GET', route: '/organisations/acme/contacts', token: tokens.admin }),
    putContact: () => ({ method: 'PUT', route: '/organisations/walk-co/contacts/pat@walk-co.example', token: tokens.admin, body: { name: 'Pat', language: 'en' } }),
    deleteContact: () => ({ method: 'DELETE', route: '/organisations/walk-co/contacts/pat@walk-co.example', token: tokens.admin }),
    createUpload: () => ({ method: 'POST', route: '/uploads', token: tokens.customer, body: { fileName: 'walk.log', contentType: 'text/plain', size: 12 } }),
    getUploadLimits: () => ({ method: 'GET', route: '/uploads/limits', token: null }),
    // The agent desk (issue 10): the queue, and the policy and calendar its countdown runs on.
    getQueue: () => ({ method: 'GET', route: '/queue?limit=10', token: tokens.agent }),
    getPolicy: () => ({ method: 'GET', route: '/policy', token: tokens.customer }),
    getCalendar: () => ({ method: 'GET', route: '/calendar?from=2030-01-01&to=2030-01-31', token: tokens.customer }),
    getAttachment: async () => { // a file uploaded as the portal does, on a ticket of its own, found by number
      const upload = (await stack.api('POST', '/uploads', tokens.customer, { fileName: 'walk.log', contentType: 'text/plain', size: 12 })).body;
      const put = await fetch(upload.uploadUrl, { method: 'PUT', headers: upload.uploadHeaders, body: 'reload: 40%\n' });
      if (put.status !== 200) throw new Error(`PUT ${upload.uploadUrl} answered ${put.status}`);
      const opened = await stack.api('POST', '/tickets', tokens.customer, { type: 'incident', severity: 'normal', subject: 'With a log', description: 'Attached.', attachments: [upload.uploadId] });
      return { method: 'GET', route: `/tickets/${opened.body.number}/attachments/${upload.uploadId}`, token: tokens.customer };
    },
    // The knowledge base (R-KB-1): each command on an article of its own, written as the desk does.
    createArticle: () => ({ method: 'POST', route: '/articles', token: tokens.agent, body: walkArticle }),
    updateArticle: async () => ({ method: 'PUT', route: `/articles/${await anArticle(tokens, false)}`, token: tokens.agent, headers: { 'If-Match': '"1"' }, body: { ...walkArticle, body: 'Version two.' } }),
    publishArticle: async () => ({ method: 'POST', route: `/articles/${await anArticle(tokens, false)}/publish`, token: tokens.agent }),
    withdrawArticle: async () => ({ method: 'POST', route: `/articles/${await anArticle(tokens, true)}/withdraw`, token: tokens.agent }),
    getArticle: async () => ({ method: 'GET', route: `/articles/${await anArticle(tokens, true)}`, token: null }),
    searchArticles: () => ({ method: 'GET', route: `/articles?q=${encodeURIComponent('בהתקנה')}&limit=5`, token: null }),
    articleFeedback: async () => ({ method: 'POST', route: `/articles/${await anArticle(tokens, true)}/feedback`, token: null, body: { helpful: true } }),
    linkArticle: async () => ({ method: 'POST', route: `/tickets/${t()}/articles`, token: tokens.agent, body: { articleId: await anArticle(tokens, true) } }),
  };
}

const walkArticle = { title: 'Walked article', body: 'Read **this**.', language: 'en', visibility: 'public', tags: ['walk'] };
/** A public article written (and published) through the API, for a walked call to act on. */
async function anArticle(tokens: Tokens, published: boolean): Promise<string> {
  const created = await stack.api('POST', '/articles', tokens.agent, walkArticle);
  if (created.status !== 201) throw new Error(`POST /articles answered ${created.status}`);
  if (published) await stack.api('POST', `/articles/${created.body.id}/publish`, tokens.agent);
  return created.body.id as string;
}

describe('GET /openapi.json, walked', () => {
  it('serves the document', async () => {
    const res = await stack.api('GET', '/openapi.json', null);
    expect(res.status).toBe(200);
    doc = res.body as Json;
    expect(doc.openapi).toMatch(/^3\.1/);
    expect(operationsOf(doc).length).toBeGreaterThan(0);
  });

  it('calls every documented operation, each answer as documented', async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: 'https://support-desk.local/openapi.json', components: doc.components });
    const schemaFor = (schema: Json) => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"https://support-desk.local/openapi.json#/components/')) as Json;

    // The validator bites: an empty object is not the documented new ticket.
    expect(ajv.validate(schemaFor(doc.paths['/tickets'].post.responses['201'].content['application/json'].schema), {})).toBe(false);

    const tokens: Tokens = {
      admin: await stack.tokenFor('admin', 'admin@center.example'),
      agent: await stack.tokenFor('agent-tier1', 'tier1@center.example'),
      customer: await stack.tokenFor('customer', 'dana@acme.example', 'acme'),
    };
    await stack.moveClock({ now: SUN_1000 });
    let ticket: { id: string; etag: string } | undefined;
    const calls = plan(tokens, () => { if (!ticket) throw new Error('no ticket yet: createTicket runs first'); return ticket; });

    const operations = operationsOf(doc);
    const undocumented = operations.filter((op) => !calls[op.operationId]).map((op) => `${op.method} ${op.path} (${op.operationId})`);
    expect(undocumented, 'documented operations with no call in the walk').toEqual([]);
    const order = Object.keys(calls);
    expect(order.filter((id) => !operations.some((op) => op.operationId === id)), 'calls for operations the document no longer lists').toEqual([]);

    const failures: string[] = [];
    for (const op of [...operations].sort((a, b) => order.indexOf(a.operationId) - order.indexOf(b.operationId))) {
      const call = await calls[op.operationId]!();
      const res: Answer = await stack.api(call.method, call.route, call.token, call.body, call.headers);
      const where = `${op.method} ${op.path} (${op.operationId}) answered ${res.status} ${JSON.stringify(res.body)?.slice(0, 400)}`;
      expect(call.method, `${op.operationId}: the call's method`).toBe(op.method);
      const documented = op.responses[String(res.status)];
      if (!documented) { failures.push(`${where}: status not documented (${Object.keys(op.responses).join(', ')})`); continue; }
      if (res.status >= 400) { failures.push(`${where}: the walk's request should succeed`); continue; }
      const content = documented.content as Record<string, { schema: Json }> | undefined;
      if (!content) {
        if (res.body !== null) failures.push(`${where}: documented without a body`);
      } else {
        const [mediaType, { schema }] = Object.entries(content)[0]!;
        if (!res.contentType?.startsWith(mediaType)) failures.push(`${where}: content-type ${res.contentType}, documented ${mediaType}`);
        const validate = ajv.compile(schemaFor(schema));
        if (!validate(res.body)) failures.push(`${where}: body does not match the documented schema: ${ajv.errorsText(validate.errors)}`);
      }
      if (op.operationId === 'createTicket') ticket = { id: res.body.id as string, etag: '' };
      if (op.operationId === 'getTicket') ticket = { id: ticket!.id, etag: res.headers.get('etag') ?? '' };
    }
    expect(failures).toEqual([]);
  });
});
