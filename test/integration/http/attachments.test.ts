// Attachments through the real handlers on DynamoDB Local, with the local stack's object storage
// (a folder and signed, expiring URLs): an upload URL, the browser's PUT, the checks before a file
// is attached (nothing half attached), and the download, confined as the ticket is (R-TKT-6).
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultPolicy, recordCustomerReply } from '../../../functions/domain/index.js';
import { LOCAL_OBJECTS_PATH } from '../../../functions/adapters/folder-attachment-storage.js';
import { attachmentIdOf } from '../../../functions/handlers/http/views.js';
import { loadRouteModules, makeApi, manualClock, type Api, type Identity } from '../../support/http-api.js';
import { useDynamoDbLocal } from '../../support/dynamodb.js';
import { PEOPLE, SUN_0900, seedWorld } from '../../support/world.js';

const db = useDynamoDbLocal();
let api: Api;

beforeAll(async () => {
  api = makeApi(await loadRouteModules(), db.client, db.tableName, manualClock(SUN_0900));
  await seedWorld(api.deps.directory);
});

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('a tiny screenshot')]);
const LOG = Buffer.from('2026-06-07 02:00 reload started\n2026-06-07 02:14 שגיאה: timeout\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(30, 0x90)]);

type Upload = { uploadId: string; uploadUrl: string; uploadHeaders: Record<string, string>; expiresAt: string };

/** The key and query of a URL the local storage signed. */
const parse = (url: string) => {
  const u = new URL(url);
  expect(u.pathname.startsWith(LOCAL_OBJECTS_PATH)).toBe(true);
  return { key: u.pathname.slice(LOCAL_OBJECTS_PATH.length).split('/').map(decodeURIComponent).join('/'), query: u.searchParams };
};
/** What the browser does with an upload URL: PUT the bytes with the headers given. */
const put = (upload: Upload, bytes: Buffer, contentType = upload.uploadHeaders['content-type']) => {
  const { key, query } = parse(upload.uploadUrl);
  return api.objects.serve('PUT', key, query, contentType, bytes, api.clock.now());
};

async function newUpload(as: Identity, fileName: string, contentType: string, size: number): Promise<Upload> {
  const res = await api.call('POST /uploads', { as, body: { fileName, contentType, size } });
  expect(res.statusCode, JSON.stringify(res.json)).toBe(201);
  return res.json;
}
async function uploaded(as: Identity, fileName: string, contentType: string, bytes: Buffer): Promise<Upload> {
  const upload = await newUpload(as, fileName, contentType, bytes.length);
  expect((await put(upload, bytes)).status).toBe(200);
  return upload;
}
const openWith = (as: Identity, attachments: string[]) => api.call('POST /tickets', {
  as, body: { type: 'incident', severity: 'normal', subject: 'Reload fails', description: 'See the log', attachments },
});
const countTickets = async (as: Identity) => (await api.call('GET /tickets', { as, query: { limit: '100' } })).json.items.length as number;
const paths = (res: { json: any }) => (res.json.errors ?? []).map((e: { path: string }) => e.path);

describe('upload URLs', () => {
  it('GET /uploads/limits states size, count and types', async () => {
    const res = await api.call('GET /uploads/limits', { as: PEOPLE.dana });
    expect(res.statusCode).toBe(200);
    expect(res.json).toMatchObject({ maxBytes: 10 * 1024 * 1024, maxFiles: 5, types: expect.arrayContaining(['image/png', 'text/plain', 'application/pdf']) });
  });

  it('POST /uploads signs a short-lived PUT for the exact type and size, with the limits', async () => {
    const upload = await newUpload(PEOPLE.dana, 'screen.png', 'image/png', PNG.length);
    expect(upload.uploadHeaders).toEqual({ 'content-type': 'image/png' });
    expect(Date.parse(upload.expiresAt) - Date.parse(api.clock.now())).toBe(15 * 60_000);
    expect((await api.call('POST /uploads', { as: PEOPLE.dana, body: { fileName: 'screen.png', contentType: 'image/png', size: 1 } })).json.limits.maxFiles).toBe(5);
  });

  it('a type not allowed, a file too large or a name with a path is a 400 naming the field', async () => {
    const refuse = async (body: Record<string, unknown>, field: string) => {
      const res = await api.call('POST /uploads', { as: PEOPLE.dana, body: { fileName: 'a.png', contentType: 'image/png', size: 10, ...body } });
      expect(res.statusCode).toBe(400);
      expect(paths(res)).toContain(field);
    };
    await refuse({ contentType: 'application/x-msdownload' }, 'contentType');
    await refuse({ size: 10 * 1024 * 1024 + 1 }, 'size');
    await refuse({ size: 0 }, 'size');
    await refuse({ fileName: '../../etc/passwd' }, 'fileName');
  });

  it('the signed PUT refuses another type, another size, a changed signature and an expired URL', async () => {
    const upload = await newUpload(PEOPLE.dana, 'screen.png', 'image/png', PNG.length);
    expect((await put(upload, PNG, 'text/plain')).status).toBe(403);
    expect((await put(upload, Buffer.concat([PNG, Buffer.from('x')]))).status).toBe(403);
    const { key, query } = parse(upload.uploadUrl);
    query.set('size', String(PNG.length + 1));
    expect((await api.objects.serve('PUT', key, query, 'image/png', PNG, api.clock.now())).status).toBe(403);
    const later = new Date(Date.parse(api.clock.now()) + 16 * 60_000).toISOString();
    expect((await api.objects.serve('PUT', key, parse(upload.uploadUrl).query, 'image/png', PNG, later)).status).toBe(403);
    expect((await put(upload, PNG)).status).toBe(200);
  });
});

describe('R-PORTAL-1: attaching files to a new ticket and to a reply', () => {
  let ticketId: string;
  let noteAttachmentId: string;

  it('R-PORTAL-1: dana opens a ticket with a screenshot and a log; both are on its description', async () => {
    const [png, log] = [await uploaded(PEOPLE.dana, 'מסך.png', 'image/png', PNG), await uploaded(PEOPLE.dana, 'reload.log', 'text/plain', LOG)];
    const res = await openWith(PEOPLE.dana, [png.uploadId, log.uploadId]);
    expect(res.statusCode, JSON.stringify(res.json)).toBe(201);
    ticketId = res.json.id;
    const detail = await api.call('GET /tickets/{id}', { as: PEOPLE.dana, params: { id: ticketId } });
    expect(detail.json.messages[0].attachments).toEqual([
      { id: png.uploadId, name: 'מסך.png', contentType: 'image/png', size: PNG.length },
      { id: log.uploadId, name: 'reload.log', contentType: 'text/plain', size: LOG.length },
    ]);
  });

  it('R-TKT-6: her colleague downloads it through a short-lived URL that saves it under its name', async () => {
    const detail = await api.call('GET /tickets/{id}', { as: PEOPLE.noa, params: { id: ticketId } });
    const [png] = detail.json.messages[0].attachments;
    const res = await api.call('GET /tickets/{id}/attachments/{attachmentId}', { as: PEOPLE.noa, params: { id: ticketId, attachmentId: png.id } });
    expect(res.statusCode).toBe(200);
    expect(res.json).toMatchObject({ fileName: 'מסך.png', contentType: 'image/png', size: PNG.length });
    expect(Date.parse(res.json.expiresAt) - Date.parse(api.clock.now())).toBe(5 * 60_000);
    const { key, query } = parse(res.json.url);
    const download = await api.objects.serve('GET', key, query, undefined, Buffer.alloc(0), api.clock.now());
    expect(download.status).toBe(200);
    expect(Buffer.compare(download.body as Buffer, PNG)).toBe(0);
    expect(download.headers['content-disposition']).toBe(`attachment; filename="___.png"; filename*=UTF-8''${encodeURIComponent('מסך.png')}`);
    query.set('disposition', 'inline');
    expect((await api.objects.serve('GET', key, query, undefined, Buffer.alloc(0), api.clock.now())).status).toBe(403);
  });

  it('a reply with a file retried with one Idempotency-Key gets the first answer; the file is copied once', async () => {
    const log = await uploaded(PEOPLE.dana, 'retry.log', 'text/plain', LOG);
    const reply = { as: PEOPLE.dana, params: { id: ticketId }, headers: { 'idempotency-key': 'reply-with-file-1' }, body: { body: 'The log again.', attachments: [log.uploadId] } };
    const first = await api.call('POST /tickets/{id}/messages', reply);
    expect(first.statusCode, JSON.stringify(first.json)).toBe(200);
    expect(await api.objects.head(`attachments/api/${log.uploadId}`)).not.toBeNull();
    const copies = vi.spyOn(api.objects, 'copy');
    const reads = vi.spyOn(api.objects, 'readStart');
    try {
      const again = await api.call('POST /tickets/{id}/messages', reply);
      expect(again.statusCode).toBe(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toBe(first.body);
      expect(copies).not.toHaveBeenCalled(); // nothing checked or copied again before the replay
      expect(reads).not.toHaveBeenCalled();
    } finally {
      copies.mockRestore();
      reads.mockRestore();
    }
  });

  it("R-TKT-6: another organisation's customer gets 404, for the ticket's number too", async () => {
    const detail = await api.call('GET /tickets/{id}', { as: PEOPLE.dana, params: { id: ticketId } });
    const attachmentId = detail.json.messages[0].attachments[0].id;
    for (const id of [ticketId, detail.json.number]) {
      const res = await api.call('GET /tickets/{id}/attachments/{attachmentId}', { as: PEOPLE.gil, params: { id, attachmentId } });
      expect(res.statusCode).toBe(404);
    }
    expect((await api.call('GET /tickets/{id}/attachments/{attachmentId}', { as: PEOPLE.dana, params: { id: ticketId, attachmentId: 'no-such-file' } })).statusCode).toBe(404);
  });

  it("R-TKT-6: an internal note's attachment reaches the center, never the customer", async () => {
    const log = await uploaded(PEOPLE.tier2, 'db-dump.txt', 'text/plain', LOG);
    const res = await api.call('POST /tickets/{id}/messages', { as: PEOPLE.tier2, params: { id: ticketId }, body: { body: 'Dump attached', visibility: 'internal', attachments: [log.uploadId] } });
    expect(res.statusCode, JSON.stringify(res.json)).toBe(200);
    noteAttachmentId = log.uploadId;
    const params = { id: ticketId, attachmentId: noteAttachmentId };
    expect((await api.call('GET /tickets/{id}/attachments/{attachmentId}', { as: PEOPLE.tier1, params })).statusCode).toBe(200);
    expect((await api.call('GET /tickets/{id}/attachments/{attachmentId}', { as: PEOPLE.dana, params })).statusCode).toBe(404);
    const seen = await api.call('GET /tickets/{id}', { as: PEOPLE.dana, params: { id: ticketId } });
    expect(seen.body).not.toContain(noteAttachmentId);
  });

  it('R-PORTAL-1: a customer reply carries an attachment, by the ticket number too', async () => {
    const number = (await api.call('GET /tickets/{id}', { as: PEOPLE.dana, params: { id: ticketId } })).json.number;
    const png = await uploaded(PEOPLE.dana, 'after.png', 'image/png', PNG);
    const res = await api.call('POST /tickets/{id}/messages', { as: PEOPLE.dana, params: { id: number }, body: { body: 'Still failing', attachments: [png.uploadId] } });
    expect(res.statusCode, JSON.stringify(res.json)).toBe(200);
    const detail = await api.call('GET /tickets/{id}', { as: PEOPLE.dana, params: { id: ticketId } });
    expect(detail.json.messages.flatMap((m: any) => m.attachments.map((a: any) => a.name))).toContain('after.png');
  });

  it('an email attachment (its record has no upload id) downloads through the same route', async () => {
    const record = (await api.deps.tickets.get(ticketId))!;
    const now = api.clock.now();
    const key = `attachments/${ticketId}/mail-1/trace.txt`;
    const signed = await api.objects.signUpload(key, { contentType: 'text/plain', size: LOG.length, now, expiresInSeconds: 60 });
    expect((await api.objects.serve('PUT', key, parse(signed.url).query, 'text/plain', LOG, now)).status).toBe(200);
    const attachment = { name: 'trace.txt', contentType: 'text/plain', size: LOG.length, key };
    const change = recordCustomerReply(record.ticket, { party: 'customer', id: PEOPLE.dana.email }, defaultPolicy, now);
    await api.deps.tickets.commit(change, {
      expectedVersion: record.ticket.version,
      messages: [{ id: 'mail-1', ticketId, at: now, author: { party: 'customer', id: PEOPLE.dana.email }, visibility: 'public', body: 'trace', attachments: [attachment], channel: 'email', emailMessageId: '<m1@acme.example>' }],
    });
    const detail = await api.call('GET /tickets/{id}', { as: PEOPLE.dana, params: { id: ticketId } });
    const listed = detail.json.messages.flatMap((m: any) => m.attachments).find((a: any) => a.name === 'trace.txt');
    expect(listed.id).toBe(attachmentIdOf(attachment));
    const res = await api.call('GET /tickets/{id}/attachments/{attachmentId}', { as: PEOPLE.dana, params: { id: ticketId, attachmentId: listed.id } });
    expect(res.statusCode).toBe(200);
    const { key: k, query } = parse(res.json.url);
    expect(Buffer.compare((await api.objects.serve('GET', k, query, undefined, Buffer.alloc(0), api.clock.now())).body as Buffer, LOG)).toBe(0);
  });
});

describe('R-PORTAL-1: a file is checked before it is attached, and a refusal writes nothing', () => {
  it('never uploaded, content not of its type, someone else\'s, twice: a 400 naming each attachments.<i>; no ticket, no copy', async () => {
    const good = await uploaded(PEOPLE.dana, 'ok.png', 'image/png', PNG);
    const notUploaded = await newUpload(PEOPLE.dana, 'later.png', 'image/png', PNG.length);
    const disguised = await uploaded(PEOPLE.dana, 'cat.png', 'image/png', EXE);
    const samsFile = await uploaded(PEOPLE.noa, 'noa.png', 'image/png', PNG);
    const before = await countTickets(PEOPLE.dana);
    const res = await openWith(PEOPLE.dana, [good.uploadId, notUploaded.uploadId, disguised.uploadId, samsFile.uploadId, good.uploadId]);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(paths(res)).toEqual(['attachments.1', 'attachments.2', 'attachments.3', 'attachments.4']);
    expect(await countTickets(PEOPLE.dana)).toBe(before);
    expect(await api.objects.head(`attachments/api/${good.uploadId}`)).toBeNull(); // the good one was not copied either
    expect((await openWith(PEOPLE.dana, [good.uploadId])).statusCode).toBe(201); // and can still be attached
  });

  it('an expired upload is refused; more files than a message takes is a 400 naming attachments', async () => {
    const stale = await uploaded(PEOPLE.dana, 'old.png', 'image/png', PNG);
    api.clock.advanceMinutes(24 * 60 + 1);
    const res = await openWith(PEOPLE.dana, [stale.uploadId]);
    expect(res.statusCode).toBe(400);
    expect(paths(res)).toEqual(['attachments.0']);
    const six = await Promise.all(Array.from({ length: 6 }, (_, i) => uploaded(PEOPLE.dana, `s${i}.png`, 'image/png', PNG)));
    const many = await openWith(PEOPLE.dana, six.map((u) => u.uploadId));
    expect(many.statusCode).toBe(400);
    expect(paths(many)).toEqual(['attachments']);
  });

  it('a reply whose attachment fails adds no message', async () => {
    const opened = await openWith(PEOPLE.dana, []);
    const missing = await newUpload(PEOPLE.dana, 'x.png', 'image/png', PNG.length);
    const res = await api.call('POST /tickets/{id}/messages', { as: PEOPLE.dana, params: { id: opened.json.id }, body: { body: 'see file', attachments: [missing.uploadId] } });
    expect(res.statusCode).toBe(400);
    expect(paths(res)).toEqual(['attachments.0']);
    const detail = await api.call('GET /tickets/{id}', { as: PEOPLE.dana, params: { id: opened.json.id } });
    expect(detail.json.messages).toHaveLength(1);
    expect(detail.json.version).toBe(opened.json.version);
  });
});
