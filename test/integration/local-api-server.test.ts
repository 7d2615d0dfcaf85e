// The local API server over real HTTP on a random loopback port, with every route's real handler
// on DynamoDB Local: problem+json for every error it answers (401, unknown routes, 405 with
// Allow), CORS for the configured portal origin only, and the attachment round trip a browser
// makes (upload URL, PUT of the bytes, attach, download URL, GET of the bytes).
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenApi, type ApiServer } from '../../bin/local/local-api-server.js';
import { loadSigningKey, signToken, type LocalSigningKey } from '../../bin/local/local-auth.js';
import { loadRouteHandlers } from '../../bin/local/route-handlers.js';
import { DynamoDirectoryStore } from '../../functions/adapters/dynamo-directory-store.js';
import { DynamoTicketStore } from '../../functions/adapters/dynamo-ticket-store.js';
import { FolderAttachmentStorage } from '../../functions/adapters/folder-attachment-storage.js';
import { DynamoReportRequests } from '../../functions/adapters/report-requests.js';
import { DynamoUploadStore } from '../../functions/adapters/upload-store.js';
import { DynamoArticleStore } from '../../functions/adapters/article-store.js';
import { noArticleIndex } from '../../functions/adapters/search/index-reader.js';
import { defaultPolicy } from '../../functions/domain/index.js';
import { policyRegistry } from '../../functions/handlers/http/deps.js';
import { useDynamoDbLocal } from '../support/dynamodb.js';
import { PEOPLE, SUN_0900, seedWorld } from '../support/world.js';

const PORTAL = 'http://127.0.0.1:5173';
const db = useDynamoDbLocal();
let server: ApiServer;
let base: string;
let key: LocalSigningKey;
let dir: string;
let dana: string;
let now = SUN_0900;

beforeAll(async () => {
  process.env.TABLE_NAME ??= 'integration-tests'; // the live wiring reads it at import; our deps name the real table
  dir = mkdtempSync(path.join(tmpdir(), 'local-api-'));
  key = await loadSigningKey(dir);
  server = await listenApi(0);
  base = `http://127.0.0.1:${server.port}`;
  const objects = new FolderAttachmentStorage(path.join(dir, 'objects'), () => base, randomBytes(32));
  const deps = {
    tickets: new DynamoTicketStore(db.client, db.tableName), directory: new DynamoDirectoryStore(db.client, db.tableName),
    policies: policyRegistry(defaultPolicy), now: () => now, newId: randomUUID, reportRequests: new DynamoReportRequests(db.client, db.tableName),
    uploads: new DynamoUploadStore(db.client, db.tableName), attachments: objects,
    articles: new DynamoArticleStore(db.client, db.tableName), articleIndex: noArticleIndex,
  };
  await seedWorld(deps.directory);
  server.serve({
    routes: await loadRouteHandlers(deps), key, now: () => now, log: () => undefined, objects, allowedOrigins: [PORTAL],
    local: async () => null, afterWrite: async () => undefined,
  });
  dana = await signToken(key, { role: 'customer', organisationId: 'acme', email: PEOPLE.dana.email });
});

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const call = (method: string, route: string, init: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) => fetch(`${base}${route}`, {
  method,
  headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
  ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
});
const expectProblem = async (res: Response, status: number) => {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = await res.json();
  expect(body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  return body;
};

describe('every error of the local API is problem+json', () => {
  it('401 without a token or with a bad one, with WWW-Authenticate', async () => {
    for (const token of [undefined, 'not.a.token']) {
      const res = await call('GET', '/tickets', token ? { token } : {});
      await expectProblem(res, 401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    }
  });

  it('404 for a path no route has', async () => {
    await expectProblem(await call('GET', '/nothing/here'), 404);
    await expectProblem(await call('GET', '/_local/nothing'), 404);
  });

  it('405 for a known path with another method, Allow naming its methods', async () => {
    const res = await call('DELETE', '/tickets', { token: dana });
    await expectProblem(res, 405);
    expect(res.headers.get('allow')).toBe('GET, POST');
    expect((await call('PUT', `/tickets/${randomUUID()}`)).headers.get('allow')).toBe('GET, PATCH');
  });

  it('413 for a body over the HTTP API\'s limit', async () => {
    const res = await fetch(`${base}/tickets`, { method: 'POST', body: Buffer.alloc(10 * 1024 * 1024 + 1, 0x20), headers: { authorization: `Bearer ${dana}` } });
    await expectProblem(res, 413);
  });
});

describe('CORS for the portal origin only', () => {
  it('a preflight from the portal names the methods and headers it may send', async () => {
    const res = await call('OPTIONS', '/tickets', { headers: { origin: PORTAL, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, idempotency-key' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect(res.headers.get('access-control-allow-headers')).toBe('authorization, content-type, if-match, idempotency-key');
    expect(res.headers.get('access-control-allow-methods')).toContain('PATCH');
  });

  it('answers and problems to the portal carry its origin and expose ETag; another origin gets no CORS at all', async () => {
    const ok = await call('GET', `/tickets`, { token: dana, headers: { origin: PORTAL } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect(ok.headers.get('access-control-expose-headers')).toContain('etag');
    const refused = await call('GET', '/tickets', { headers: { origin: PORTAL } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(PORTAL); // so the portal can read why
    const other = await call('GET', '/tickets', { token: dana, headers: { origin: 'http://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await call('OPTIONS', '/tickets', { headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.status).toBeGreaterThanOrEqual(400);
  });

  it("R-SLA-6: every answer's Date is the stack's clock (the desk's countdowns count on it), readable by the portal", async () => {
    const ok = await call('GET', '/tickets', { token: dana, headers: { origin: PORTAL } });
    expect(ok.headers.get('date')).toBe(new Date(SUN_0900).toUTCString()); // the manual clock, not the machine's
    expect(ok.headers.get('access-control-expose-headers')).toContain('date');
    const problem = await call('GET', '/no-such-path');
    expect(problem.headers.get('date')).toBe(new Date(SUN_0900).toUTCString());
  });
});

describe('R-PORTAL-1: an attachment as the browser moves it', () => {
  it('R-PORTAL-1: upload URL, PUT, attach to a new ticket, download URL, GET: the same bytes under the same name', async () => {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2000)]);
    const upload: any = await (await call('POST', '/uploads', { token: dana, body: { fileName: 'חשבונית.pdf', contentType: 'application/pdf', size: bytes.length }, headers: { origin: PORTAL } })).json();
    expect(upload.uploadUrl.startsWith(`${base}/_local/objects/uploads/`)).toBe(true);
    const preflight = await fetch(upload.uploadUrl, { method: 'OPTIONS', headers: { origin: PORTAL, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect((await fetch(upload.uploadUrl, { method: 'PUT', headers: { ...upload.uploadHeaders, 'content-type': 'image/png' }, body: bytes })).status).toBe(403);
    const put = await fetch(upload.uploadUrl, { method: 'PUT', headers: { ...upload.uploadHeaders, origin: PORTAL }, body: bytes });
    expect(put.status).toBe(200);
    expect(put.headers.get('access-control-allow-origin')).toBe(PORTAL);

    const opened = await call('POST', '/tickets', { token: dana, body: { type: 'service-request', severity: 'normal', subject: 'Invoice', description: 'Attached', attachments: [upload.uploadId] } });
    expect(opened.status).toBe(201);
    const { number } = (await opened.json()) as { number: string };
    const link: any = await (await call('GET', `/tickets/${number}/attachments/${upload.uploadId}`, { token: dana })).json();
    expect(link).toMatchObject({ fileName: 'חשבונית.pdf', contentType: 'application/pdf', size: bytes.length });
    const download = await fetch(link.url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('חשבונית.pdf')}`);
    expect(Buffer.compare(Buffer.from(await download.arrayBuffer()), bytes)).toBe(0);

    now = new Date(Date.parse(now) + 6 * 60_000).toISOString(); // the download URL lives five minutes
    await expectProblem(await fetch(link.url), 403);
  });
});
